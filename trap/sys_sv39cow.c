/* System calls of our own (numbers from 100; docs/syscalls.md). */
#include "arch/power.h"
#include "arch/timer.h"
#include "include/sysinfo.h"
#include "fs/console.h"
#include "kernel/printk.h"
#include "mm/asid.h"
#include "mm/frame.h"
#include "mm/pgdump.h"
#include "mm/uaccess.h"
#include "mm/vmstat.h"
#include "proc/proc.h"
#include "trap/syscall.h"

uint64_t sys_poweroff(void)
{
	console_out_begin(); /* what programs wrote reaches the console */
	power_off(arg_int(0));
}

uint64_t sys_vmstat(void)
{
	struct vm_stats s;
	sched_settle_roots(); /* frames_free then counts every free frame */
	vmstat_snapshot(&s);
	return (uint64_t)(long)vm_copyout(&proc_current()->vs, arg_addr(0), &s,
					  sizeof s);
}

uint64_t sys_sysinfo(void)
{
	struct sys_info s = { .tick_hz = (uint32_t)timer_hz(),
			      .asid_bits = (uint32_t)asid_bits() };
	_Static_assert(SYSINFO_HARTS == NCPU, "one entry per hart");
	for (int i = 0; i < NCPU; i++) {
		const struct cpu *c = &cpus[i];
		if (!__atomic_load_n(&c->online, __ATOMIC_ACQUIRE))
			continue;
		s.hart[s.nharts++] = (struct hart_info){
			.hart_id = c->hart_id, .online = 1,
			.switches = c->switches, .idle_waits = c->idle_waits,
			.steals = c->steals,
			.ipis_sent = c->ipis_sent,
			.ipis_received = c->ipis_received, .ticks = c->ticks,
		};
	}
	return (uint64_t)(long)vm_copyout(&proc_current()->vs, arg_addr(0), &s,
					  sizeof s);
}

static void print_line(const char *line)
{
	kprintf("%s\n", line);
}

uint64_t sys_pgdump(void)
{
	struct proc *p = proc_current();
	kprintf("page table of pid %d (%s), break 0x%lx:\n", p->pid, p->name,
		p->sz);
	vm_dump(&p->vs, print_line);
	return 0;
}

/*
 * Checks every frame's reference count against all page tables.  Other
 * harts are kept from running processes meanwhile, so no table changes
 * under the checker.  0 if clean; otherwise the mismatch is printed.
 */
uint64_t sys_refcheck(void)
{
	struct vm_space *spaces[NPROC];
	pagetable_t roots[NPROC];
	int n = 0;
	sched_stop_world();
	for (int i = 0; i < NPROC; i++) {
		struct proc *q = &proc_table[i];
		if (q->state != PROC_UNUSED && q->vs.root) {
			spaces[n] = &q->vs;
			roots[n++] = q->vs.root;
		}
	}
	paddr_t held[NCPU];
	int nheld = vm_held_roots(held);
	struct refcheck_mismatch m;
	int bad = vm_check_refs(spaces, n, held, nheld, &m);
	if (bad)
		refcheck_report(&m, roots, n, print_line);
	sched_resume_world();
	return (uint64_t)bad;
}
