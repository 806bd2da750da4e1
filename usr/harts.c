/* harts: the tick, the ASIDs, and what each hart has done (sysinfo, 104). */
#include "lib/user.h"

int main(void)
{
	struct sys_info s;
	if (sysinfo(&s) < 0) {
		fprintf(2, "harts: failed\n");
		return 1;
	}
	printf("harts online: %u; tick %u Hz; %u ASID bits\n", s.nharts,
	       s.tick_hz, s.asid_bits);
	printf("hart   switches idle-waits     steals  ipis-sent  ipis-recv"
	       "      ticks\n");
	for (uint32_t i = 0; i < s.nharts; i++) {
		const struct hart_info *h = &s.hart[i];
		printf("%4u %10lu %10lu %10lu %10lu %10lu %10lu\n", h->hart_id,
		       h->switches, h->idle_waits, h->steals, h->ipis_sent,
		       h->ipis_received, h->ticks);
	}
	return 0;
}
