/*
 * Self-tests of machine discovery.  The boot tests pass what QEMU was told
 * (expect.mem=, expect.harts=) so the kernel can check what it found.
 */
#include "arch/cpu.h"
#include "arch/riscv.h"
#include "arch/timer.h"
#include "arch/cmdline.h"
#include "kernel/ktest.h"
#include "arch/machine.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "arch/scause.h"

KTEST(machine_memory_matches_qemu)
{
	uint64_t want = cmdline_get_u64("expect.mem", 0);
	KT_CHECK(ktest_machine->nram > 0);
	if (want)
		KT_EQ(machine_ram_bytes(ktest_machine), want);
	/* Everything but the kernel, firmware and metadata is allocatable:
	 * at least 90% of RAM. */
	KT_CHECK(frame_managed_count() * PAGE_SIZE >
		 machine_ram_bytes(ktest_machine) / 10 * 9);
}

KTEST(machine_harts_all_online)
{
	uint64_t want = cmdline_get_u64("expect.harts", 0);
	if (want)
		KT_EQ(ktest_machine->nharts, want);
	KT_EQ(cpu_online_count(), ktest_machine->nharts);
}

KTEST(machine_has_devices)
{
	KT_CHECK(ktest_machine->uart.size != 0);
	KT_CHECK(ktest_machine->plic.size != 0);
	KT_CHECK(ktest_machine->finisher.size != 0);
	KT_CHECK(ktest_machine->timebase_hz != 0);
	for (int i = 0; i < ktest_machine->nharts; i++)
		KT_CHECK(ktest_machine->plic_s_context[i] >= 0);
}

/* A tenth of a second of ticks should take that long in timebase time;
 * allow a wide margin, since QEMU's timer follows the host's clock. */
KTEST(timer_ticks_at_the_configured_rate)
{
	uint64_t hz = ktest_machine->timebase_hz;
	uint64_t n = (uint64_t)timer_hz() / 10;
	uint64_t deadline = rdtime() + 2 * hz;
	uint64_t t0 = timer_ticks();
	while (timer_ticks() == t0 && rdtime() < deadline)
		;
	uint64_t start = rdtime(), first = timer_ticks();
	while (timer_ticks() < first + n && rdtime() < deadline)
		;
	uint64_t elapsed = rdtime() - start;
	KT_EQ(timer_ticks() - first, n);
	KT_CHECK(elapsed > n * hz / (uint64_t)timer_hz() / 2);
	KT_CHECK(elapsed < n * hz / (uint64_t)timer_hz() * 2);
}

KTEST(scause_names_cover_page_faults)
{
	KT_CHECK(strcmp(scause_name(12), "instruction page fault") == 0);
	KT_CHECK(strcmp(scause_name(13), "load page fault") == 0);
	KT_CHECK(strcmp(scause_name(15), "store/AMO page fault") == 0);
	KT_CHECK(strcmp(scause_name(SCAUSE_INTERRUPT | 5),
			"supervisor timer interrupt") == 0);
	KT_CHECK(strcmp(scause_name(42), "unknown exception") == 0);
}

/* Runs after the frame tests, which hand out and scribble on every free
 * frame: the initrd must have been kept out of the allocator, intact. */
KTEST(machine_initrd_is_kept_out_of_the_allocator)
{
	const struct machine *m = ktest_machine;
	uint64_t magic = cmdline_get_u64("expect.initrd_magic", 0);
	int handed_out = 0;
	if (m->initrd_end == m->initrd_start) {
		KT_CHECK(magic == 0); /* an initrd was expected */
		return;
	}
	for (paddr_t pa = PAGE_ROUND_DOWN(m->initrd_start); pa < m->initrd_end;
	     pa += PAGE_SIZE)
		handed_out += frame_is_managed(pa);
	KT_EQ(handed_out, 0);
	if (magic)
		KT_EQ(*(uint32_t *)pa_to_kva(m->initrd_start), magic);
}
