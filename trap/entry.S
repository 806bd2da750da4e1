/*
 * The one trap vector (stvec, direct mode), for traps from the kernel and
 * from user mode alike.  sscratch tells them apart: it is 0 while a hart
 * runs kernel code and holds the running process's user trap frame while
 * the hart is in user mode (trap/user.c sets it on the way out).
 *
 * From the kernel: the frame goes on the current stack, trap_kernel runs,
 * everything is restored (sepc too: fault fixups move it) and sret.
 * From user mode: the frame is the process's own, at the top of its kernel
 * stack, so the kernel stack simply continues below it; user_trap never
 * returns here but leaves through resume_user (trap/resume.S).
 */
#include "arch/trap_frame.h"
#include "trap/frame_regs.h"

	.text
	.balign 4
	.globl trap_vector
trap_vector:
	csrrw	sp, sscratch, sp
	bnez	sp, from_user
	csrrw	sp, sscratch, sp	/* kernel: sp back, sscratch 0 again */

	addi	sp, sp, -TF_SIZE
	save_gprs
	addi	t0, sp, TF_SIZE		/* the interrupted sp */
	sd	t0, 2*8(sp)
	save_csrs
	mv	a0, sp
	call	trap_kernel
	load_csrs
	load_gprs
	addi	sp, sp, TF_SIZE
	sret

from_user:
	save_gprs
	csrr	t0, sscratch		/* the user's sp */
	sd	t0, 2*8(sp)
	csrw	sscratch, zero
	save_csrs
	ld	tp, TF_KERNEL_TP(sp)
	mv	a0, sp
	call	user_trap		/* leaves through resume_user */
1:	j	1b
