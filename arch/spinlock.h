/*
 * Busy-waiting mutual exclusion between harts.  Holding a spinlock keeps
 * interrupts off on this hart, so an interrupt handler can never spin on a
 * lock its own hart already holds.
 */
#pragma once

struct cpu;

struct spinlock {
	int locked;
	const char *name;  /* for panic messages */
	struct cpu *owner; /* valid while locked */
};

#define SPINLOCK_INIT(n) { 0, (n), 0 }

void spin_init(struct spinlock *l, const char *name);
void spin_lock(struct spinlock *l);
void spin_unlock(struct spinlock *l);
int spin_holding(struct spinlock *l);
