/*
 * Spinlocks on the A extension's atomic swap (via the compiler's atomics):
 * acquire ordering on lock, release ordering on unlock, so everything done
 * inside the critical section is visible to the next holder.
 */
#include "arch/spinlock.h"

#include "arch/cpu.h"
#include "kernel/panic.h"

void spin_init(struct spinlock *l, const char *name)
{
	l->locked = 0;
	l->name = name;
	l->owner = 0;
}

int spin_holding(struct spinlock *l)
{
	return __atomic_load_n(&l->locked, __ATOMIC_RELAXED) &&
	       l->owner == cpu_this();
}

void spin_lock(struct spinlock *l)
{
	intr_push();
	if (spin_holding(l))
		panic("spin_lock: %s already held by this hart", l->name);
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
			;
	l->owner = cpu_this();
}

void spin_unlock(struct spinlock *l)
{
	if (!spin_holding(l))
		panic("spin_unlock: %s not held", l->name);
	l->owner = 0;
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
	intr_pop();
}
