/*
 * The way out to user mode, for every trap from user mode and for every
 * new process (resume_user is its first function).  Below the system
 * calls on purpose: fork names the way out for its child, and the way out
 * calls nothing that calls fork.
 */
#include "trap/resume.h"

#include "arch/riscv.h"
#include "arch/trap_frame.h"
#include "proc/lifecycle.h"
#include "proc/sched/fpu.h"
#include "proc/sched/proc.h"
#include "proc/sched/sched.h"
#include "proc/sched/sleep.h"

/*
 * The way out: give up the hart if a tick ended the time slice (whether
 * it arrived in user mode or during a system call, so even a process that
 * does nothing but system calls is preempted), die if killed, then load
 * the FP registers if needed and leave.
 */
void resume_user(void)
{
	struct proc *p = proc_current();
	sched_preempt_point();
	/* After the yield: a kill may have come while others ran. */
	if (proc_killed(p))
		proc_exit(-1);
	csr_clear(sstatus, SSTATUS_SIE); /* see resume_frame, trap/resume.S */
	fpu_restore(p);
	uint64_t fs = p->tf->sstatus & SSTATUS_FS;
	uint64_t s = csr_read(sstatus);
	s &= ~(SSTATUS_SPP | SSTATUS_FS); /* to U-mode ... */
	s |= SSTATUS_SPIE | fs;           /* ... with interrupts on */
	p->tf->sstatus = s;
	resume_frame(p->tf);
}
