/* Per-hart run queues and idle harts (proc/sched/runq.c). */
#pragma once

#include "proc/sched/proc.h"

/* Queues p, which just became RUNNABLE (p->lock held): on an idle hart,
 * which it wakes, or else on this hart. */
void runq_add(struct proc *p, int is_new);
/* p was taken but may not run yet: back to the head of c's queue. */
void runq_put_back(struct cpu *c, struct proc *p);
/* The next process for c: its own queue's head, or one it may take from
 * another hart; 0 if none. */
struct proc *runq_take(struct cpu *c);
/* Would runq_take find something? */
int runq_has_work(struct cpu *c);
/* With interrupts off: marks c idle and, if stay_idle(c) still says so,
 * waits in wfi for an interrupt (a wakeup IPI, a tick, a device). */
void runq_idle(struct cpu *c, int (*stay_idle)(struct cpu *));
/* Wakes every idle hart: work they were kept from may be there. */
void runq_wake_idle_harts(void);
