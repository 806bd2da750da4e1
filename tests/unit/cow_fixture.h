/*
 * Shared set-up for the COW tests: fake RAM, the zero frame, and helpers
 * that read and write user pages through their page tables.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "mm/fault.h"
#include "mm/frame.h"
#include "mm/vm.h"
#include "mm/vmstat.h"

#define COW_RAM_BYTES (8UL << 20)
#define TEXT_PERM (PTE_U | PTE_R | PTE_X)

extern size_t baseline; /* free frames once the zero frame exists */

int cow_setup(void **state);
int cow_teardown(void **state);

/* A space of our own (kvm_new_root needs a kernel root: here an empty one). */
void space_create(struct vm_space *vs);

/* The PTE for va, which must exist. */
pte_t pte_at(struct vm_space *vs, uintptr_t va);
paddr_t frame_at(struct vm_space *vs, uintptr_t va);

/* How many spaces reach the frame at va: its own count, plus the other
 * holders of the level-0 table its leaf sits in when fork shares tables
 * (a shared table's leaf is one reference for all of them). */
uint32_t mappers(struct vm_space *vs, uintptr_t va);

/* Group set-ups running a whole file's tests in one fork mode. */
int fork_mode_table(void **state);
int fork_mode_pte(void **state);
int fork_mode_copy(void **state);
/* Runs the tests as one group per fork mode that shares (table, pte);
 * non-zero if any failed. */
struct CMUnitTest;
int run_in_sharing_modes(const struct CMUnitTest *tests, size_t n);

/* First word of the page at va, through its page table. */
uint64_t peek(struct vm_space *vs, uintptr_t va);
/* fault_resolve, checking that its report agrees with the page table. */
enum fault_outcome fault(struct vm_space *vs, uintptr_t va, uint64_t cause);
/* Writes the first word as a user store would: fault first if needed;
 * 0, or the outcome that refused the store. */
int poke(struct vm_space *vs, uintptr_t va, uint64_t value);

/* Eagerly maps n zeroed pages at va and writes `tag + i` into page i. */
void fill_pages(struct vm_space *vs, uintptr_t va, int n, uint64_t tag);

uint64_t stat_of(size_t offset); /* one field of a vm_stats snapshot */
#define STAT(field) stat_of(offsetof(struct vm_stats, field))

/* Runs the reference checker over the given spaces plus the zero frame. */
int refs_consistent(struct vm_space **spaces, int n);
