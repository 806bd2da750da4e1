/* The periodic tick: tick_hz interrupts a second on every hart. */
#pragma once

#include <stdint.h>

/* The tick rate, set by the boot option tick=HZ.  xv6 programs count
 * time in ticks (sleep, uptime) and never learn the rate: at 100 Hz a
 * tick is 10 ms. */
#define TICK_HZ_DEFAULT 100
#define TICK_HZ_MIN 10
#define TICK_HZ_MAX 1000

struct machine;

/* hz outside [TICK_HZ_MIN, TICK_HZ_MAX] is clamped to it. */
void timer_init(const struct machine *m, int hz);
void timer_init_hart(void);
enum timer_event {
	TIMER_WAKEUP,       /* an early interrupt timer_wake_at asked for */
	TIMER_TICK,         /* a tick */
	TIMER_TICK_COUNTED, /* a tick, on the hart that counts them */
};
/* Re-arms the timer and says what the interrupt was. */
enum timer_event timer_interrupt(void);
/* An interrupt at `when` (the time CSR) if that comes before the next
 * tick, for a hart that waits in wfi for something other than a tick. */
void timer_wake_at(uint64_t when);
uint64_t timer_ticks(void); /* ticks since boot */
int timer_hz(void);
uint64_t timer_cycles(uint64_t us); /* timebase cycles in us microseconds */
int timer_uses_sstc(void);
