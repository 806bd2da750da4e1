/*
 * Where every kernel-mode trap lands after trap/entry.S saved the
 * registers (user-mode traps go to trap/user.c).  An interrupt is
 * dispatched to its device; an exception in kernel code is a kernel bug
 * unless the faulting access was a probe that asked to survive.
 * See docs/trap.md.
 */
#include "trap/trap.h"

#include <stddef.h>

#include "arch/cpu.h"
#include "arch/riscv.h"
#include "arch/plic.h"
#include "arch/timer.h"
#include "fs/console.h"
#include "proc/sched/clock.h"
#include "arch/panic.h"
#include "arch/trap_frame.h"
#include "arch/scause.h"

_Static_assert(offsetof(struct trap_frame, a0) == 10 * 8, "frame layout");
_Static_assert(offsetof(struct trap_frame, t6) == 31 * 8, "frame layout");
_Static_assert(offsetof(struct trap_frame, sepc) == TF_SEPC, "frame layout");
_Static_assert(offsetof(struct trap_frame, stval) == TF_STVAL, "frame layout");
_Static_assert(sizeof(struct trap_frame) == TF_SIZE, "frame layout");

static void external_interrupt(void)
{
	uint32_t irq = plic_claim();
	if (!irq)
		return;
	if (irq == plic_uart_irq())
		console_interrupt();
	plic_complete(irq);
}

uint64_t trap_interrupt(uint64_t code)
{
	struct cpu *c = cpu_this();
	c->in_interrupt = 1;
	switch (code) {
	case IRQ_S_TIMER: {
		enum timer_event e = timer_interrupt();
		if (e == TIMER_TICK_COUNTED)
			clock_tick();
		/* The running process's time slice is over; it yields on its
		 * way back to user mode (trap/user.c). */
		if (e != TIMER_WAKEUP)
			c->slice_over = 1;
		break;
	}
	case IRQ_S_EXT:
		external_interrupt();
		break;
	case IRQ_S_SOFT:
		csr_clear(sip, SIE_SSIE); /* an IPI just wakes the hart */
		c->ipis_received++;
		break;
	default:
		panic("trap_interrupt: unexpected interrupt %lu", code);
	}
	c->in_interrupt = 0;
	return code;
}

void trap_kernel(struct trap_frame *tf)
{
	struct cpu *c = cpu_this();
	if (tf->scause & SCAUSE_INTERRUPT) {
		trap_interrupt(tf->scause & ~SCAUSE_INTERRUPT);
		return;
	}
	if (c->fault_fixup) {
		tf->sepc = c->fault_fixup;
		tf->a0 = tf->scause;
		c->fault_fixup = 0;
		return;
	}
	panic_trap(tf);
}
