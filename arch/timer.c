/*
 * Timer interrupts come from comparing the `time` CSR (timebase-frequency
 * Hz, from the device tree) with a deadline.  With the Sstc extension the
 * kernel writes the deadline to stimecmp itself; otherwise it asks the SBI
 * TIME extension, which costs a trip through M-mode on every tick.
 */
#include "arch/timer.h"

#include "arch/cpu.h"
#include "arch/machine.h"
#include "arch/riscv.h"
#include "arch/sbi.h"

static int tick_hz;
static uint64_t timebase_hz;
static uint64_t tick_interval; /* timebase cycles per tick */
static int use_sstc;
static uint64_t ticks;
static uint32_t tick_hart; /* the hart that counts ticks */

void timer_init(const struct machine *m, int hz)
{
	tick_hz = hz < TICK_HZ_MIN ? TICK_HZ_MIN
		  : hz > TICK_HZ_MAX ? TICK_HZ_MAX
				     : hz;
	timebase_hz = m->timebase_hz;
	tick_interval = m->timebase_hz / (uint64_t)tick_hz;
	use_sstc = m->has_sstc;
	tick_hart = cpu_this()->hart_id;
}

static uint64_t next_tick[NCPU]; /* per hart: when its next tick is due */

static void timer_set(uint64_t when)
{
	if (use_sstc)
		csr_write_num(CSR_STIMECMP, when);
	else
		sbi_set_timer(when);
}

static void timer_arm(void)
{
	uint64_t *next = &next_tick[cpu_this() - cpus];
	*next = rdtime() + tick_interval;
	timer_set(*next);
}

void timer_wake_at(uint64_t when)
{
	if (when < next_tick[cpu_this() - cpus])
		timer_set(when);
}

void timer_init_hart(void)
{
	timer_arm();
	csr_set(sie, SIE_STIE);
}

enum timer_event timer_interrupt(void)
{
	struct cpu *c = cpu_this();
	if (rdtime() < next_tick[c - cpus]) {
		timer_set(next_tick[c - cpus]); /* a timer_wake_at: no tick */
		return TIMER_WAKEUP;
	}
	c->ticks++;
	timer_arm();
	if (c->hart_id != tick_hart)
		return TIMER_TICK;
	__atomic_fetch_add(&ticks, 1, __ATOMIC_RELAXED);
	return TIMER_TICK_COUNTED;
}

uint64_t timer_ticks(void)
{
	return __atomic_load_n(&ticks, __ATOMIC_RELAXED);
}

uint64_t timer_cycles(uint64_t us)
{
	return us * timebase_hz / 1000000;
}

int timer_hz(void)
{
	return tick_hz;
}

int timer_uses_sstc(void)
{
	return use_sstc;
}
