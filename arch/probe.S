/*
 * Each probe publishes its fixup label in cpu->fault_fixup (tp points at
 * the struct cpu) around one access.  On a fault trap_kernel jumps to the
 * label with a0 = scause and clears fault_fixup.
 */
#include "arch/cpu.h"

	.text
	.globl probe_load64
probe_load64:		/* a0 = address, a1 = where to put the value */
	lla	t0, 1f
	sd	t0, CPU_FAULT_FIXUP(tp)
	ld	t1, 0(a0)
	sd	zero, CPU_FAULT_FIXUP(tp)
	sd	t1, 0(a1)
	li	a0, 0
1:	ret

	.globl probe_store64
probe_store64:		/* a0 = address, a1 = value */
	lla	t0, 1f
	sd	t0, CPU_FAULT_FIXUP(tp)
	sd	a1, 0(a0)
	sd	zero, CPU_FAULT_FIXUP(tp)
	li	a0, 0
1:	ret
