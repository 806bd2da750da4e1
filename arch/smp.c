/*
 * Secondary harts are parked by OpenSBI until we ask SBI HSM to start them
 * at _secondary_start (a physical address: they begin with the MMU off).
 * Each one then runs kmain_secondary on its own boot stack, and when it is
 * ready announces itself with an IPI to the boot hart, which waits for
 * them in wfi rather than spinning: a spinning hart can keep an emulator
 * from running the others at all (QEMU's -icount runs harts in turn).
 */
#include "arch/smp.h"

#include "arch/cpu.h"
#include "arch/machine.h"
#include "arch/riscv.h"
#include "arch/sbi.h"
#include "arch/printk.h"
#include "arch/layout.h"

extern char _start[], _secondary_start[];
extern int secondaries_released; /* arch/entry.S */

/* SBI error codes for a hart that is already running: it entered through
 * _start on its own and is joining by itself (see arch/entry.S). */
#define SBI_ERR_ALREADY_AVAILABLE -6
#define SBI_ERR_ALREADY_STARTED -7

static uint32_t boot_hart;
static int waiting = 1; /* the boot hart waits for IPIs */

/* Where hart `index` starts.  With the boot option smp.via_start=1 the
 * last hart is sent to _start, the way some firmware lets harts in, so the
 * tests exercise the entry lottery. */
static uint64_t entry_for(const struct machine *m, int index, int via_start)
{
	int last = index == m->nharts - 1;
	return kva_to_pa(via_start && last ? _start : _secondary_start);
}

/* Starts hart `index`; 1 if it is on its way. */
static int start_hart(const struct machine *m, int index, int via_start)
{
	uint32_t id = m->hart_id[index];
	if (id >= NCPU) {
		kprintf("smp: hart %u is beyond NCPU=%d, left parked\n", id, NCPU);
		return 0;
	}
	long err = sbi_hart_start(id, entry_for(m, index, via_start), 0);
	if (err && err != SBI_ERR_ALREADY_AVAILABLE &&
	    err != SBI_ERR_ALREADY_STARTED) {
		kprintf("smp: SBI could not start hart %u (error %ld)\n", id, err);
		return 0;
	}
	return 1;
}

/* Interrupts off from the count to the wfi, so that an IPI in between
 * stays pending and ends the wfi. */
static void wait_for_harts(int expected, uint64_t deadline)
{
	csr_set(sie, SIE_SSIE);
	for (;;) {
		csr_clear(sstatus, SSTATUS_SIE);
		if (cpu_online_count() >= expected || rdtime() >= deadline)
			break;
		wfi();
		csr_clear(sip, SIE_SSIE);
	}
	intr_on();
}

int smp_start_harts(const struct machine *m, int via_start)
{
	boot_hart = cpu_this()->hart_id;
	__atomic_store_n(&secondaries_released, 1, __ATOMIC_RELEASE);
	int expected = 1;
	for (int i = 0; i < m->nharts; i++)
		if (m->hart_id[i] != boot_hart)
			expected += start_hart(m, i, via_start);
	/* The timer ticks meanwhile, so the deadline is seen even if a
	 * started hart never comes. */
	wait_for_harts(expected, rdtime() + m->timebase_hz);
	__atomic_store_n(&waiting, 0, __ATOMIC_SEQ_CST);
	return cpu_online_count();
}

void smp_hart_online(void)
{
	struct cpu *c = cpu_this();
	__atomic_store_n(&c->online, 1, __ATOMIC_SEQ_CST);
	/* Later than the banner, the hart just joins: a line on the console
	 * would land in the middle of whatever programs print. */
	if (__atomic_load_n(&waiting, __ATOMIC_SEQ_CST))
		sbi_send_ipi(boot_hart);
}
