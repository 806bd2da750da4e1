/* The host has no processes, so nothing is traced: faults go straight to
 * vm_fault (proc/trace.c is the kernel's). */
#include "mm/fault.h"
#include "proc/trace.h"

int vm_fault_traced(struct vm_space *vs, uintptr_t va, uint64_t scause,
		    int by_kernel)
{
	(void)by_kernel;
	return vm_fault(vs, va, scause);
}
