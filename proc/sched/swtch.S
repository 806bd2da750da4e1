/*
 * swtch(old, new): save this kernel thread's callee-saved registers in
 * *old and continue the thread saved in *new.  Caller-saved registers need
 * no saving: to the caller, swtch is an ordinary function call.  The
 * layout is struct context in arch/cpu.h: ra, sp, s0..s11.
 */
	.text
	.globl swtch
swtch:
	sd	ra, 0(a0)
	sd	sp, 8(a0)
	.irp i, 0,1,2,3,4,5,6,7,8,9,10,11
	sd	s\i, (16 + 8*\i)(a0)
	.endr
	ld	ra, 0(a1)
	ld	sp, 8(a1)
	.irp i, 0,1,2,3,4,5,6,7,8,9,10,11
	ld	s\i, (16 + 8*\i)(a1)
	.endr
	ret
