/*
 * Sleeping until something happens, and kill flags, which every sleeper
 * checks when it wakes (proc/sched/sleep.c).  docs/process.md explains
 * why no wakeup is lost.
 */
#pragma once

#include "proc/sched/proc.h"

/* Sleeps on chan, releasing lk meanwhile; lk is held again on return. */
void proc_sleep(const void *chan, struct spinlock *lk);
void proc_wakeup(const void *chan);

static inline int proc_killed(struct proc *p)
{
	return __atomic_load_n(&p->killed, __ATOMIC_ACQUIRE);
}
int proc_current_killed(void); /* for blocking calls in fs/ */
void proc_set_killed(struct proc *p);
