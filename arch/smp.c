/*
 * Secondary harts are parked by OpenSBI until we ask SBI HSM to start them
 * at _secondary_start (a physical address: they begin with the MMU off).
 * Each one then runs kmain_secondary on its own boot stack.
 */
#include "arch/smp.h"

#include "arch/cpu.h"
#include "arch/machine.h"
#include "arch/riscv.h"
#include "arch/sbi.h"
#include "kernel/printk.h"
#include "mm/layout.h"

extern char _secondary_start[];

static int wanted_harts(const struct machine *m)
{
	int n = 0;
	for (int i = 0; i < m->nharts; i++)
		n += m->hart_id[i] < NCPU;
	return n;
}

int smp_start_harts(const struct machine *m)
{
	uint32_t self = cpu_this()->hart_id;
	for (int i = 0; i < m->nharts; i++) {
		uint32_t id = m->hart_id[i];
		if (id == self)
			continue;
		if (id >= NCPU) {
			kprintf("smp: hart %u is beyond NCPU=%d, left parked\n", id,
				NCPU);
			continue;
		}
		long err = sbi_hart_start(id, kva_to_pa(_secondary_start), 0);
		if (err)
			kprintf("smp: SBI could not start hart %u (error %ld)\n",
				id, err);
	}
	uint64_t deadline = rdtime() + m->timebase_hz; /* one second */
	while (cpu_online_count() < wanted_harts(m) && rdtime() < deadline)
		;
	return cpu_online_count();
}
