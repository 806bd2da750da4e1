/*
 * What happens to a trap from user mode (docs/trap.md):
 *
 *   ecall (8)           -> the system call, with interrupts on
 *   page fault 12/13/15 -> fault_resolve: COW break or demand-zero fill,
 *                          and back to the same instruction; else the
 *                          process is killed
 *   illegal instruction -> with the FPU still off, the program's first FP
 *                          instruction: turn it on and retry; else killed
 *   anything else       -> killed
 *   interrupts          -> the device; a timer tick also ends the slice
 *
 * A killed process exits with status -1 on its way back to user mode, and
 * a process whose time slice ended yields there (trap/resume.c).
 */
#include "trap/user.h"

#include "arch/riscv.h"
#include "arch/printk.h"
#include "mm/fault.h"
#include "proc/sched/clock.h"
#include "proc/sched/proc.h"
#include "proc/lifecycle.h"
#include "proc/trace.h"
#include "arch/trap_frame.h"
#include "arch/scause.h"
#include "trap/resume.h"
#include "trap/syscall.h"
#include "trap/trap.h"
#include "proc/sched/sched.h"
#include "proc/sched/sleep.h"
#include "proc/sched/fpu.h"

static const char *const fault_meanings[] = {
#define FAULT_MEANING(id, name, meaning) [FAULT_##id] = meaning,
	FAULT_OUTCOMES(FAULT_MEANING)
#undef FAULT_MEANING
};

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

/* The fault, as the process's own access would have it resolved: a
 * failfault=PID boot option makes one fail as if memory had run out. */
static enum fault_outcome resolve(struct proc *p, uintptr_t va,
				  uint64_t cause, struct fault_report *r)
{
	if (fault_fails_on_purpose(p, va)) {
		*r = (struct fault_report){ .outcome = FAULT_NO_MEMORY };
		return r->outcome;
	}
	return fault_resolve(&p->vs, va, cause, r);
}

static void user_page_fault(struct proc *p, struct trap_frame *tf)
{
	struct fault_report r;
	enum fault_outcome o = resolve(p, tf->stval, tf->scause, &r);
	if (proc_traces(p, TRACE_FAULTS))
		trace_fault(p, tf->stval, tf->scause, &r, 0);
	if (fault_handled(o))
		return;
	if (o == FAULT_NO_MEMORY && p == proc_init)
		clock_sleep(1); /* docs/cow.md: init waits, then retries */
	else
		kill_for(p, tf, fault_meanings[o]);
}

static void user_exception(struct proc *p, struct trap_frame *tf)
{
	uint64_t cause = tf->scause;
	if (cause == EXC_INST_PAGE_FAULT || cause == EXC_LOAD_PAGE_FAULT ||
	    cause == EXC_STORE_PAGE_FAULT) {
		user_page_fault(p, tf);
		return;
	}
	if (cause == EXC_ILLEGAL_INST && !(tf->sstatus & SSTATUS_FS)) {
		fpu_first_use(p);
		return;
	}
	kill_for(p, tf, "unexpected exception");
}

void user_trap(struct trap_frame *tf)
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
	resume_user();
}
