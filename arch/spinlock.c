/* The out-of-line parts of spinlocks (arch/spinlock.h has the rest). */
#include "arch/spinlock.h"

#include "arch/panic.h"

void spin_init(struct spinlock *l, const char *name)
{
	l->locked = 0;
	l->name = name;
	l->owner = 0;
}

void spin_misuse(struct spinlock *l, const char *what)
{
	panic("spinlock %s: %s", l->name, what);
}
