/* Bringing up the other harts through SBI HSM. */
#pragma once

struct machine;

/* Starts every hart the device tree lists (other than this one) and waits
 * up to a second for them to come online.  Returns how many are online. */
int smp_start_harts(const struct machine *m);
