/*
 * Page faults on user addresses, by scause: 12 instruction, 13 load,
 * 15 store/AMO.  Called from trap dispatch for user-mode faults and by the
 * user-access functions when the kernel touches user memory.
 */
#pragma once

#include <stdint.h>

#include "mm/vm.h"

enum vm_fault_result {
	VM_FAULT_HANDLED = 0,     /* retry the access: it will succeed */
	VM_FAULT_UNMAPPED = -1,   /* nothing is mapped there */
	VM_FAULT_PROTECTION = -2, /* mapped, but not for this access */
	VM_FAULT_NO_MEMORY = -3,  /* a frame was needed and none was left */
	VM_FAULT_BAD_ADDRESS = -4, /* not a user address at all */
};

/* Resolves a fault at va of kind scause in vs, or says why it cannot:
 * the caller then kills the process (user fault) or fails the system call
 * (kernel copy).  Never panics, whatever va and scause are. */
int vm_fault(struct vm_space *vs, uintptr_t va, uint64_t scause);
