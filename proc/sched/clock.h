/* Time as processes see it: timer ticks since boot, and sleeping for some. */
#pragma once

#include <stdint.h>

/* From the timer interrupt, on the hart that counts ticks. */
void clock_tick(void);
uint64_t clock_ticks(void);
/* Sleeps n ticks (n <= 0: not at all): 0, or -1 if killed meanwhile. */
int clock_sleep(int n);
