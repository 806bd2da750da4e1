/*
 * Sleepers wait on the tick lock's address; every tick wakes them all and
 * each checks its own deadline.  With a 10 Hz tick that is cheap.
 */
#include "proc/clock.h"

#include "arch/timer.h"
#include "proc/proc.h"

static struct spinlock tick_lock = SPINLOCK_INIT("ticks");

void clock_tick(void)
{
	spin_lock(&tick_lock);
	proc_wakeup(&tick_lock);
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
	uint64_t start = timer_ticks();
	while (n > 0 && timer_ticks() - start < (uint64_t)n) {
		if (proc_killed(p)) {
			spin_unlock(&tick_lock);
			return -1;
		}
		proc_sleep(&tick_lock, &tick_lock);
	}
	spin_unlock(&tick_lock);
	return 0;
}
