/*
 * Running processes on harts (proc/sched/sched.c): each hart's scheduler
 * loop, the switch into and out of a process, yielding, and stopping the
 * world for checks that must see every space at rest.  Run queues are
 * proc/sched/runq.c; docs/process.md draws the states.
 */
#pragma once

#include "arch/cpu.h"

struct proc;

__attribute__((noreturn)) void scheduler(void);
void sched(void); /* give up the hart; p->lock held, state set */
/* RUNNABLE, and on the run queue; p->lock held. */
void sched_make_runnable(struct proc *p);
void sched_yield(void);
/* For long loops in system calls (the kernel is not preemptible), and on
 * every way back to user mode: gives up the hart if a tick has ended this
 * process's time slice.  No locks may be held. */
static inline void sched_preempt_point(void)
{
	struct cpu *c = cpu_this();
	if (c->slice_over) {
		c->slice_over = 0;
		sched_yield();
	}
}
void sched_stop_world(void);  /* other harts stop taking processes */
int sched_settle_roots(void); /* see proc/sched/sched.c */
void sched_resume_world(void);
