/*
 * Per-hart bookkeeping and interrupt masking.  intr_push/intr_pop nest so
 * that code holding two spinlocks re-enables interrupts only when it
 * releases the last one.
 */
#include "arch/cpu.h"

#include "arch/riscv.h"
#include "arch/panic.h"

struct cpu cpus[NCPU];

void cpu_init(uint32_t hart_id)
{
	struct cpu *c = &cpus[hart_id];
	extern char boot_stacks[];
	c->hart_id = hart_id;
	c->stack_lo = (uintptr_t)boot_stacks + hart_id * BOOT_STACK_SIZE;
	c->stack_hi = c->stack_lo + BOOT_STACK_SIZE;
	__asm__ volatile("mv tp, %0" ::"r"(c));
}

void intr_pop_misuse(void)
{
	if (intr_enabled())
		panic("intr_pop: interrupts are on");
	panic("intr_pop: unbalanced");
}

int cpu_online_count(void)
{
	int n = 0;
	for (int i = 0; i < NCPU; i++)
		n += __atomic_load_n(&cpus[i].online, __ATOMIC_ACQUIRE);
	return n;
}

void cpu_stack_bounds(uintptr_t sp, uintptr_t *lo, uintptr_t *hi)
{
	struct cpu *c = cpu_this();
	if (sp >= c->stack_lo && sp <= c->stack_hi) {
		*lo = c->stack_lo;
		*hi = c->stack_hi;
		return;
	}
	/* Another kernel stack: only its current page is known to be mapped. */
	*lo = sp;
	*hi = (sp | 4095) + 1;
}
