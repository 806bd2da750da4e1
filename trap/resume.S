/*
 * resume_frame(frame): leave for user mode with the registers in frame,
 * the process's trap frame; resume_user (trap/resume.c) calls it last.
 * Interrupts must be off: between setting sscratch and sret a trap would
 * take the user path.
 */
#include "arch/trap_frame.h"
#include "trap/frame_regs.h"

	.text
	.globl resume_frame
resume_frame:
	mv	sp, a0
	sd	tp, TF_KERNEL_TP(sp)
	csrw	sscratch, sp
	load_csrs
	load_gprs
	ld	sp, 2*8(sp)
	sret
