/*
 * Running self-tests and benchmarks on a user address space from S-mode:
 * switch satp to it with sstatus.SUM set, so probes reach its U pages, and
 * perform loads and stores the way a user program's would be (fault, then
 * fault_resolve with the reported scause, then retry).
 */
#pragma once

#include <stdint.h>

#include "mm/vm.h"

void uspace_enter(struct vm_space *vs);
void uspace_leave(void);

/* 0 on success, else the outcome (FAULT_UNMAPPED...) that would kill the
 * process; -100 if the retried access failed again. */
int uspace_store(struct vm_space *vs, uintptr_t va, uint64_t v);
int uspace_load(struct vm_space *vs, uintptr_t va, uint64_t *v);
