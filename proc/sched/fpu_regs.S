/*
 * fpu_store(state) / fpu_load(state): all 32 FP registers and fcsr to or
 * from a struct fpu_state (proc/sched/proc.h).  The caller makes sure
 * sstatus.FS is not Off, or these instructions would trap.
 */
	.text
	.globl fpu_store
fpu_store:
	.irp i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fsd	f\i, (8*\i)(a0)
	.endr
	frcsr	t0
	sd	t0, 256(a0)
	ret

	.globl fpu_load
fpu_load:
	.irp i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fld	f\i, (8*\i)(a0)
	.endr
	ld	t0, 256(a0)
	fscsr	t0
	ret
