/* The periodic tick: TICK_HZ interrupts a second on every hart. */
#pragma once

#include <stdint.h>

#define TICK_HZ 10 /* xv6 programs assume sleep(10) is about a second */

struct machine;

void timer_init(const struct machine *m);
void timer_init_hart(void);
/* Re-arms the timer; 1 if this hart counts ticks and counted one. */
int timer_interrupt(void);
uint64_t timer_ticks(void); /* ticks since boot */
int timer_uses_sstc(void);
