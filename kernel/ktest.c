/*
 * The self-test runner: walks the .ktests section, runs the tests whose
 * names the selection lists (or all), and reports in TAP so meson can read
 * the serial output.  `ktest=panic` is special: it makes the kernel fault
 * on purpose, to prove that a kernel fault stops the machine loudly.
 */
#include "kernel/ktest.h"

#include "arch/power.h"
#include "arch/riscv.h"
#include "arch/machine.h"
#include "arch/printk.h"
#include "lib/string.h"

extern const struct ktest _ktests_start[], _ktests_end[];
extern const struct kbench _kbench_start[], _kbench_end[];

int ktest_check(struct ktest_ctx *t, int ok, const char *what,
		const char *file, int line)
{
	if (!ok) {
		t->failures++;
		kprintf("# check failed: %s (%s:%d)\n", what, file, line);
	}
	return ok;
}

int ktest_check_eq(struct ktest_ctx *t, uint64_t a, uint64_t b,
		   const char *what, const char *file, int line)
{
	if (a != b)
		kprintf("#   got 0x%lx, want 0x%lx\n", a, b);
	return ktest_check(t, a == b, what, file, line);
}

/* Is name one of the comma-separated words of selection ("all": yes)? */
static int selected(const char *selection, const char *name)
{
	size_t n = strlen(name);
	if (strcmp(selection, "all") == 0)
		return 1;
	for (const char *p = selection; p; p = strchr(p, ',')) {
		if (*p == ',')
			p++;
		if (strncmp(p, name, n) == 0 && (p[n] == 0 || p[n] == ','))
			return 1;
	}
	return 0;
}

/* A load through an address no page table maps, with no probe to catch
 * it: the trap handler must report it and power off with a failure. */
__attribute__((noreturn)) static void ktest_deliberate_fault(void)
{
	kprintf("ktest: faulting on purpose\n");
	volatile uint64_t *nowhere = (volatile uint64_t *)0x10;
	(void)*nowhere;
	kprintf("ktest: the deliberate fault did not trap\n");
	power_off(0); /* "ran to the end": the harness treats this as failure */
}

const struct machine *ktest_machine;

void ktest_run(const char *selection, const struct machine *m)
{
	ktest_machine = m;
	int planned = 0, number = 0, failed = 0;
	if (strcmp(selection, "panic") == 0)
		ktest_deliberate_fault();
	for (const struct ktest *k = _ktests_start; k < _ktests_end; k++)
		planned += selected(selection, k->name);
	kprintf("1..%d\n", planned);
	for (const struct ktest *k = _ktests_start; k < _ktests_end; k++) {
		if (!selected(selection, k->name))
			continue;
		struct ktest_ctx ctx = { 0 };
		k->run(&ctx);
		failed += ctx.failures != 0;
		kprintf("%s %d - %s\n", ctx.failures ? "not ok" : "ok", ++number,
			k->name);
	}
	kprintf("# %d of %d self-tests failed\n", failed, planned);
	power_off(failed ? 1 : 0);
}

struct kbench_mark kbench_start(void)
{
	return (struct kbench_mark){ csr_read(instret), rdtime() };
}

/* Under -icount shift=0 one instruction is one ns of guest time, so the
 * two agree (to 2%, or two ticks of the timebase for short runs);
 * otherwise QEMU's instret is not a count of instructions. */
static int counts_exact(uint64_t insns, uint64_t ns)
{
	uint64_t diff = insns > ns ? insns - ns : ns - insns;
	uint64_t tick_ns = 1000000000 / ktest_machine->timebase_hz;
	return diff * 50 <= insns || diff <= 2 * tick_ns;
}

void kbench_report(const char *what, struct kbench_mark start, uint64_t ops)
{
	uint64_t insns = csr_read(instret) - start.instret;
	uint64_t ticks = rdtime() - start.time;
	uint64_t ns = ticks * 1000000000 / ktest_machine->timebase_hz;
	kprintf("bench %-28s %8lu instructions/op %8lu ns/op (%lu ops)%s\n",
		what, insns / ops, ns / ops, ops,
		counts_exact(insns, ns) ? ""
					: " NOT EXACT: boot with -icount "
					  "shift=0 (meson test -C build "
					  "--benchmark cow)");
}

void kbench_run(const char *selection, const struct machine *m)
{
	ktest_machine = m;
	for (const struct kbench *b = _kbench_start; b < _kbench_end; b++)
		if (selected(selection, b->name))
			b->run();
	power_off(0);
}
