/*
 * The last words of a broken kernel: what happened, where, the registers
 * and the chain of return addresses, then power off with a failure status
 * so that QEMU (and any test harness around it) exits non-zero.
 * Decode the addresses with: llvm-addr2line -e build/kernel.elf ADDR...
 */
#include "arch/panic.h"

#include <stdarg.h>

#include "arch/cpu.h"
#include "arch/power.h"
#include "arch/printk.h"
#include "lib/fmt.h"
#include "arch/trap_frame.h"
#include "arch/scause.h"

#define BACKTRACE_MAX 24

static const char *const reg_names[32] = {
	"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0",
	"a1", "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5",
	"s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

/*
 * With frame pointers, each frame stores the return address at fp - 8 and
 * the caller's fp at fp - 16.  Stop at anything that leaves the stack or
 * fails to move up it, so a corrupt chain cannot fault us again.
 */
static void backtrace_from(uintptr_t fp, uintptr_t sp)
{
	uintptr_t lo, hi;
	cpu_stack_bounds(sp, &lo, &hi);
	kprintf("backtrace (llvm-addr2line -e build/kernel.elf ADDR):\n");
	for (int depth = 0; depth < BACKTRACE_MAX; depth++) {
		if (fp < lo + 16 || fp > hi || (fp & 7))
			return;
		uintptr_t ra = ((uintptr_t *)fp)[-1];
		uintptr_t caller_fp = ((uintptr_t *)fp)[-2];
		if (ra == 0)
			return;
		kprintf("  #%d 0x%lx\n", depth, ra);
		if (caller_fp <= fp)
			return;
		fp = caller_fp;
	}
}

static void panic_begin(void)
{
	__asm__ volatile("csrci sstatus, 2"); /* interrupts off for good */
	printk_panic_mode();
}

void panic(const char *fmt, ...)
{
	char msg[160];
	va_list ap;
	uintptr_t fp, sp;
	panic_begin();
	va_start(ap, fmt);
	fmt_vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	kprintf("\npanic: %s (hart %u)\n", msg, cpu_this()->hart_id);
	__asm__ volatile("mv %0, s0; mv %1, sp" : "=r"(fp), "=r"(sp));
	backtrace_from(fp, sp);
	power_off(1);
}

void panic_trap(const struct trap_frame *tf)
{
	panic_begin();
	kprintf("\npanic: kernel trap: %s (hart %u)\n", scause_name(tf->scause),
		cpu_this()->hart_id);
	kprintf("  scause 0x%lx  sepc 0x%lx  stval 0x%lx  sstatus 0x%lx\n",
		tf->scause, tf->sepc, tf->stval, tf->sstatus);
	for (int r = 1; r < 32; r++)
		kprintf("  %4s 0x%016lx%s", reg_names[r], tf->x[r],
			r % 3 == 0 ? "\n" : "");
	kprintf("\n  #pc 0x%lx\n", tf->sepc);
	backtrace_from(tf->s0, tf->sp);
	power_off(1);
}
