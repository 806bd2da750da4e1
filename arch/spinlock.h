/*
 * Busy-waiting mutual exclusion between harts.  Holding a spinlock keeps
 * interrupts off on this hart, so an interrupt handler can never spin on a
 * lock its own hart already holds.
 *
 * Built on the A extension's atomic swap (via the compiler's atomics):
 * acquire ordering on lock, release ordering on unlock, so everything done
 * inside the critical section is visible to the next holder.  Lock and
 * unlock are inline: an uncontended pair costs about 30 instructions, and
 * the fault path and the pipes take several.
 */
#pragma once

#include "arch/cpu.h"

struct spinlock {
	int locked;
	const char *name;  /* for panic messages */
	struct cpu *owner; /* valid while locked */
};

#define SPINLOCK_INIT(n) { 0, (n), 0 }

void spin_init(struct spinlock *l, const char *name);

static inline int spin_holding(struct spinlock *l)
{
	return __atomic_load_n(&l->locked, __ATOMIC_RELAXED) &&
	       l->owner == cpu_this();
}

/* Panics naming the lock: taken twice by one hart, or freed unheld. */
__attribute__((noreturn)) void spin_misuse(struct spinlock *l,
					   const char *what);

/*
 * The lock alone, leaving interrupts as they are.  Only for data that no
 * interrupt handler touches (mm/frame_alloc.c's per-hart stacks), where it
 * saves half a lock's cost: an interrupt taken while such a lock is held
 * never spins on it, and in the kernel an interrupt never switches
 * processes (that waits for the way back to user mode), so the holder
 * always gets back to release it.
 */
static inline void spin_lock_unmasked(struct spinlock *l)
{
	if (spin_holding(l))
		spin_misuse(l, "already held by this hart");
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
			;
	l->owner = cpu_this();
}

static inline void spin_unlock_unmasked(struct spinlock *l)
{
	if (!spin_holding(l))
		spin_misuse(l, "not held");
	l->owner = 0;
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

static inline void spin_lock(struct spinlock *l)
{
	intr_push();
	spin_lock_unmasked(l);
}

static inline void spin_unlock(struct spinlock *l)
{
	spin_unlock_unmasked(l);
	intr_pop();
}
