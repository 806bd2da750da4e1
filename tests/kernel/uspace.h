/*
 * Running self-tests and benchmarks on a user address space from S-mode:
 * switch satp to it with sstatus.SUM set, so probes reach its U pages, and
 * perform loads and stores the way a user program's would be (fault, then
 * vm_fault with the reported scause, then retry).
 */
#pragma once

#include <stdint.h>

#include "mm/vm.h"

void uspace_enter(struct vm_space *vs);
void uspace_leave(void);

/* 0 on success, else the vm_fault result that would kill the process. */
int uspace_store(struct vm_space *vs, uintptr_t va, uint64_t v);
int uspace_load(struct vm_space *vs, uintptr_t va, uint64_t *v);
