/*
 * Sleepers wait on the tick lock's address.  A tick wakes them only when
 * the earliest deadline among them has come, so with a fast tick a
 * process sleeping for a second is not woken a thousand times to find it
 * is still too early; each woken sleeper checks its own deadline and, if
 * it must go on sleeping, puts that deadline back for the next tick.
 */
#include "proc/sched/clock.h"

#include "arch/timer.h"
#include "proc/sched/proc.h"
#include "proc/sched/sleep.h"

static struct spinlock tick_lock = SPINLOCK_INIT("ticks");
static uint64_t next_due = UINT64_MAX; /* tick_lock: earliest deadline */

void clock_tick(void)
{
	spin_lock(&tick_lock);
	if (timer_ticks() >= next_due) {
		next_due = UINT64_MAX;
		proc_wakeup(&tick_lock);
	}
	spin_unlock(&tick_lock);
}

uint64_t clock_ticks(void)
{
	return timer_ticks();
}

int clock_sleep(int n)
{
	struct proc *p = proc_current();
	spin_lock(&tick_lock);
	uint64_t due = timer_ticks() + (uint64_t)(n > 0 ? n : 0);
	while (timer_ticks() < due) {
		if (proc_killed(p)) {
			spin_unlock(&tick_lock);
			return -1;
		}
		if (due < next_due)
			next_due = due;
		proc_sleep(&tick_lock, &tick_lock);
	}
	spin_unlock(&tick_lock);
	return 0;
}
