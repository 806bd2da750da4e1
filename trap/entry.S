/*
 * The one trap vector (stvec, direct mode), for traps from the kernel and
 * from user mode alike.  sscratch tells them apart: it is 0 while a hart
 * runs kernel code and holds the running process's user trap frame while
 * the hart is in user mode (trap/user.c sets it on the way out).
 *
 * From the kernel: the frame goes on the current stack, trap_kernel runs,
 * everything is restored (sepc too: fault fixups move it) and sret.
 * From user mode: the frame is the process's own, at the top of its kernel
 * stack, so the kernel stack simply continues below it; trap_user never
 * returns here but leaves through user_return.
 */
#include "trap/frame.h"

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
	call	trap_user		/* does not return */
1:	j	1b

/*
 * user_return(frame): leave for user mode with the registers in frame,
 * which is the process's trap frame.  Interrupts must be off: between
 * setting sscratch and sret a trap would take the user path.
 */
	.globl user_return
user_return:
	mv	sp, a0
	sd	tp, TF_KERNEL_TP(sp)
	csrw	sscratch, sp
	load_csrs
	load_gprs
	ld	sp, 2*8(sp)
	sret
