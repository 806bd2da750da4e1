/* Bringing up the other harts through SBI HSM. */
#pragma once

struct machine;

/* Starts every hart the device tree lists (other than this one) and waits
 * up to a second for them to come online.  Returns how many are online.
 * via_start: send the last hart to _start (tests the entry lottery). */
int smp_start_harts(const struct machine *m, int via_start);
