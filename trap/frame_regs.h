/*
 * Assembler macros that save and restore a trap frame (arch/trap_frame.h)
 * at sp, for the way in (trap/entry.S) and the way out (trap/resume.S).
 */
#pragma once

#ifndef __ASSEMBLER__
#error "trap/frame_regs.h is for assembly files"
#endif

/* Save / restore x1 and x3..x31 (not sp) at 0(sp). */
.macro save_gprs
	.irp r, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	sd	x\r, \r*8(sp)
	.endr
.endm
.macro load_gprs
	.irp r, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	ld	x\r, \r*8(sp)
	.endr
.endm
.macro save_csrs
	csrr	t0, sepc
	sd	t0, TF_SEPC(sp)
	csrr	t0, sstatus
	sd	t0, TF_SSTATUS(sp)
	csrr	t0, scause
	sd	t0, TF_SCAUSE(sp)
	csrr	t0, stval
	sd	t0, TF_STVAL(sp)
.endm
.macro load_csrs
	ld	t0, TF_SEPC(sp)
	csrw	sepc, t0
	ld	t0, TF_SSTATUS(sp)
	csrw	sstatus, t0
.endm
