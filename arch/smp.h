/* Bringing up the other harts through SBI HSM. */
#pragma once

struct machine;

/* Starts every hart the device tree lists (other than this one) and waits
 * in wfi until those SBI started have come online, so the banner can
 * count them; gives up waiting after a second of timebase, but a hart
 * that comes later still joins (harts and sysinfo count it).  Returns how
 * many harts are online.  via_start: send the last hart to _start (tests
 * the entry lottery). */
int smp_start_harts(const struct machine *m, int via_start);

/* A secondary hart, ready to schedule: counts it and tells the boot hart. */
void smp_hart_online(void);
