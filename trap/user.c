/*
 * What happens to a trap from user mode (docs/trap.md):
 *
 *   ecall (8)           -> the system call, with interrupts on
 *   page fault 12/13/15 -> vm_fault: COW break or demand-zero fill, and
 *                          back to the same instruction; else the process
 *                          is killed
 *   illegal instruction -> with the FPU still off, the program's first FP
 *                          instruction: turn it on and retry; else killed
 *   anything else       -> killed
 *   interrupts          -> the device; a timer tick also ends the slice
 *
 * A killed process exits with status -1 on its way back to user mode, and
 * a process whose time slice ended yields there.
 */
#include "trap/user.h"

#include "arch/riscv.h"
#include "kernel/printk.h"
#include "mm/fault.h"
#include "proc/clock.h"
#include "proc/proc.h"
#include "proc/trace.h"
#include "trap/frame.h"
#include "trap/scause.h"
#include "trap/syscall.h"
#include "trap/trap.h"

void user_return(struct trap_frame *tf);

static const char *fault_reason(int r)
{
	switch (r) {
	case VM_FAULT_UNMAPPED:
		return "no memory mapped there";
	case VM_FAULT_PROTECTION:
		return "access not allowed";
	case VM_FAULT_NO_MEMORY:
		return "out of memory";
	default:
		return "not a user address";
	}
}

/* One line, then the process dies at its return to user mode. */
static void kill_for(struct proc *p, const struct trap_frame *tf,
		     const char *why)
{
	kprintf("pid %d (%s): killed by %s (scause %lu, sepc 0x%lx, "
		"stval 0x%lx): %s\n",
		p->pid, p->name, scause_name(tf->scause), tf->scause, tf->sepc,
		tf->stval, why);
	proc_set_killed(p);
}

static int fail_fault_pid; /* 0: none */

void user_fail_next_fault(int pid)
{
	__atomic_store_n(&fail_fault_pid, pid, __ATOMIC_RELAXED);
}

/* Once only: the retried access must then find memory as usual. */
static int fault_fails_on_purpose(const struct proc *p, uintptr_t va)
{
	int pid = p->pid;
	/* Every fault passes here: a plain load first, the swap only when
	 * this is the process named. */
	if (__atomic_load_n(&fail_fault_pid, __ATOMIC_RELAXED) != pid ||
	    !__atomic_compare_exchange_n(&fail_fault_pid, &pid, 0, 0,
					 __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		return 0;
	kprintf("failfault: pid %d's fault at 0x%lx finds no memory\n", pid, va);
	return 1;
}

static void user_exception(struct proc *p, struct trap_frame *tf)
{
	uint64_t cause = tf->scause;
	if (cause == EXC_INST_PAGE_FAULT || cause == EXC_LOAD_PAGE_FAULT ||
	    cause == EXC_STORE_PAGE_FAULT) {
		int r = fault_fails_on_purpose(p, tf->stval) ? VM_FAULT_NO_MEMORY
			: proc_traces(p, TRACE_FAULTS)
				? vm_fault_traced(&p->vs, tf->stval, cause, 0)
				: vm_fault(&p->vs, tf->stval, cause);
		if (r == VM_FAULT_HANDLED)
			return;
		if (r == VM_FAULT_NO_MEMORY && p == proc_init)
			clock_sleep(1); /* docs/cow.md: init waits, then retries */
		else
			kill_for(p, tf, fault_reason(r));
		return;
	}
	if (cause == EXC_ILLEGAL_INST && !(tf->sstatus & SSTATUS_FS)) {
		fpu_first_use(p);
		return;
	}
	kill_for(p, tf, "unexpected exception");
}

void trap_user(struct trap_frame *tf)
{
	struct proc *p = proc_current();
	if (tf->scause & SCAUSE_INTERRUPT) {
		trap_interrupt(tf->scause & ~SCAUSE_INTERRUPT);
	} else if (tf->scause == EXC_ECALL_U) {
		if (proc_killed(p))
			proc_exit(-1);
		tf->sepc += 4; /* resume after the ecall */
		intr_on();
		syscall_dispatch();
	} else {
		intr_on();
		user_exception(p, tf);
	}
	user_trap_return();
}

/*
 * The way out: give up the hart if a tick ended the time slice (whether
 * it arrived in user mode or during a system call, so even a process that
 * does nothing but system calls is preempted), die if killed, then load
 * the FP registers if needed and leave.
 */
void user_trap_return(void)
{
	struct proc *p = proc_current();
	proc_preempt_point();
	/* After the yield: a kill may have come while others ran. */
	if (proc_killed(p))
		proc_exit(-1);
	csr_clear(sstatus, SSTATUS_SIE); /* see user_return in entry.S */
	fpu_restore(p);
	uint64_t fs = p->tf->sstatus & SSTATUS_FS;
	uint64_t s = csr_read(sstatus);
	s &= ~(SSTATUS_SPP | SSTATUS_FS); /* to U-mode ... */
	s |= SSTATUS_SPIE | fs;           /* ... with interrupts on */
	p->tf->sstatus = s;
	user_return(p->tf);
	__builtin_unreachable();
}
