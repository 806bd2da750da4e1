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

extern char _start[], _secondary_start[];
extern int secondaries_released; /* arch/entry.S */

/* SBI error codes for a hart that is already running: it entered through
 * _start on its own and is joining by itself (see arch/entry.S). */
#define SBI_ERR_ALREADY_AVAILABLE -6
#define SBI_ERR_ALREADY_STARTED -7

static int wanted_harts(const struct machine *m)
{
	int n = 0;
	for (int i = 0; i < m->nharts; i++)
		n += m->hart_id[i] < NCPU;
	return n;
}

/* Where hart `index` starts.  With the boot option smp.via_start=1 the
 * last hart is sent to _start, the way some firmware lets harts in, so the
 * tests exercise the entry lottery. */
static uint64_t entry_for(const struct machine *m, int index, int via_start)
{
	int last = index == m->nharts - 1;
	return kva_to_pa(via_start && last ? _start : _secondary_start);
}

int smp_start_harts(const struct machine *m, int via_start)
{
	uint32_t self = cpu_this()->hart_id;
	__atomic_store_n(&secondaries_released, 1, __ATOMIC_RELEASE);
	for (int i = 0; i < m->nharts; i++) {
		uint32_t id = m->hart_id[i];
		if (id == self)
			continue;
		if (id >= NCPU) {
			kprintf("smp: hart %u is beyond NCPU=%d, left parked\n", id,
				NCPU);
			continue;
		}
		long err = sbi_hart_start(id, entry_for(m, i, via_start), 0);
		if (err && err != SBI_ERR_ALREADY_AVAILABLE &&
		    err != SBI_ERR_ALREADY_STARTED)
			kprintf("smp: SBI could not start hart %u (error %ld)\n",
				id, err);
	}
	uint64_t deadline = rdtime() + m->timebase_hz; /* one second */
	while (cpu_online_count() < wanted_harts(m) && rdtime() < deadline)
		;
	return cpu_online_count();
}
