/*
 * Host stand-ins for the machine under kernel code: one CPU, interrupts
 * that need no masking, TLB flushes that are only counted.  No test
 * framework here, so the fuzz targets (tests/fuzz) link this file too.
 */
#include "host.h"

#include "arch/cpu.h"
#include "proc/sched/proc.h"
#include "proc/sched/sleep.h"

uintptr_t dmap_offset;
int tlb_page_flushes, tlb_space_flushes;

static struct cpu host_cpu;

struct cpu *cpu_this(void)
{
	return &host_cpu;
}

void host_set_hart(uint32_t hart_id)
{
	host_cpu.hart_id = hart_id;
}

void intr_push(void)
{
}

void intr_pop(void)
{
}

void tlb_flush_page(uintptr_t va)
{
	(void)va;
	tlb_page_flushes++;
}

void tlb_flush_user(void)
{
	tlb_space_flushes++;
}

void proc_wakeup(const void *chan)
{
	(void)chan;
}

int proc_current_killed(void)
{
	return 0;
}

