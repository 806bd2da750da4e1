/*
 * First instructions of every hart.  OpenSBI enters in S-mode with the MMU
 * off, a0 = hart id and a1 = device-tree blob (boot hart) or the opaque
 * word given to SBI HSM (other harts).  We switch to a boot page table that
 * maps our own gigapage twice (identity and direct map), jump to the linked
 * higher-half address, take this hart's boot stack and call C.
 * docs/boot.md walks through it.
 *
 * Firmware does not always keep the other harts out of _start (under load
 * we have seen a second hart arrive there), so _start holds a lottery: the
 * first hart in is the boot hart; any later one must not touch the page
 * table or .bss, and waits for the boot hart to release the secondaries.
 */
#include "arch/param.h"
#include "arch/layout.h"

/* V | R | W | X | A | D: a kernel gigapage leaf */
#define BOOT_PTE_FLAGS 0xcf
#define GIGAPAGE_SHIFT 30

	.section .text.boot, "ax"
	.globl _start
_start:
	lla	t0, boot_lottery
	li	t1, 1
	amoadd.w t1, t1, (t0)
	bnez	t1, join_late
	lla	t0, boot_pagetable
	/* Identity entry for the gigapage we run in, so the fetch after the
	 * satp write still finds its instruction. */
	lla	t1, _start
	srli	t1, t1, GIGAPAGE_SHIFT
	slli	t2, t1, GIGAPAGE_SHIFT - 2
	ori	t2, t2, BOOT_PTE_FLAGS
	slli	t3, t1, 3
	add	t3, t0, t3
	sd	t2, 0(t3)
	/* Direct map of physical [0, 4 GiB) as four gigapages: enough to reach
	 * the image, the device tree and the MMIO devices until kvm_init. */
	li	t1, 0
	li	t4, 4
	li	t3, (DMAP_BASE >> GIGAPAGE_SHIFT & 511) * 8
	add	t3, t0, t3
1:	slli	t2, t1, GIGAPAGE_SHIFT - 2
	ori	t2, t2, BOOT_PTE_FLAGS
	sd	t2, 0(t3)
	addi	t3, t3, 8
	addi	t1, t1, 1
	blt	t1, t4, 1b
	li	s1, 1			/* s1 = 1: this is the boot hart */
	j	enter_higher_half

	/* Lost the lottery: wait until kmain has set up what secondaries
	 * need (smp_start_harts sets secondaries_released), then join. */
join_late:
	lla	t0, secondaries_released
1:	lw	t1, 0(t0)
	beqz	t1, 1b
	fence	r, rw

	/* Physical entry for harts started through SBI HSM. */
	.globl _secondary_start
_secondary_start:
	li	s1, 0
	lla	t0, boot_pagetable

enter_higher_half:
	srli	t0, t0, 12
	li	t1, 8 << 60		/* satp.MODE = Sv39 */
	or	t0, t0, t1
	sfence.vma
	csrw	satp, t0
	sfence.vma
	lla	t0, higher_half_address
	ld	t0, 0(t0)
	jr	t0

higher_half:
	li	t0, NCPU
	bgeu	a0, t0, park		/* no stack for such a hart id */
	la	sp, boot_stacks
	addi	t0, a0, 1
	li	t1, BOOT_STACK_SIZE
	mul	t0, t0, t1
	add	sp, sp, t0
	mv	fp, zero		/* end of the frame-pointer chain */
	beqz	s1, 3f
	la	t0, _bss_start
	la	t1, _bss_end
2:	bgeu	t0, t1, 4f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	2b
4:	call	kmain
	j	park
3:	call	kmain_secondary
park:
	wfi
	j	park

	.section .rodata
	.balign 8
higher_half_address:
	.quad	higher_half

	.section .data, "aw"
	.balign 4
boot_lottery:
	.word	0
	.globl secondaries_released
secondaries_released:
	.word	0

	.section .data.pagetable, "aw"
	.balign 4096
	.globl boot_pagetable
boot_pagetable:
	.zero	4096

	.section .bss.stack, "aw", @nobits
	.balign 16
	.globl boot_stacks
boot_stacks:
	.zero	NCPU * BOOT_STACK_SIZE
