/*
 * Page faults on user addresses, by scause: 12 instruction, 13 load,
 * 15 store/AMO.  Called from trap dispatch for user-mode faults and by the
 * user-access functions when the kernel touches user memory.  The fault
 * says what it decided and what that did to the page (struct fault_report,
 * include/fault.h), so a tracer records the report without looking at
 * page tables itself.
 */
#pragma once

#include <stdint.h>

#include "include/fault.h"
#include "mm/space.h"

/* Resolves a fault at va of kind scause in vs, or says why it cannot:
 * the caller then kills the process (user fault) or fails the system call
 * (kernel copy).  Fills *r and returns r->outcome, counted for vmstat.
 * Never panics, whatever va and scause are. */
enum fault_outcome fault_resolve(struct vm_space *vs, uintptr_t va,
				 uint64_t scause, struct fault_report *r);
