/*
 * The kernel's half of every address space: the direct map of all RAM
 * (the kernel image inside it mapped W^X) and the MMIO devices.
 */
#pragma once

#include "mm/sv39.h"

struct machine;

/* Builds the kernel page table; panics if it cannot (boot only). */
void kvm_init(const struct machine *m);

/* Switches this hart to the kernel page table and flushes its TLB: at
 * boot and in self-tests.  Processes switch with asid_activate (mm/asid.h). */
void kvm_install_hart(void);

/* A fresh root whose upper half shares the kernel's mappings, or 0. */
pagetable_t kvm_new_root(void);

pagetable_t kvm_root(void);
