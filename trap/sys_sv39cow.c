/* System calls of our own (numbers from 100; docs/syscalls.md). */
#include "arch/power.h"
#include "arch/timer.h"
#include "include/sysinfo.h"
#include "arch/uart.h"
#include "arch/printk.h"
#include "lib/string.h"
#include "mm/asid.h"
#include "mm/fastpath.h"
#include "mm/frame.h"
#include "mm/pgmap.h"
#include "mm/uaccess.h"
#include "mm/vmstat.h"
#include "proc/sched/proc.h"
#include "proc/lifecycle.h"
#include "proc/trace.h"
#include "trap/arg.h"
#include "trap/resume.h"
#include "trap/sys.h"
#include "proc/sched/sched.h"

uint64_t sys_poweroff(void)
{
	uart_out_begin(); /* what programs wrote reaches the console */
	power_off(arg_int(0));
}

uint64_t sys_vmstat(void)
{
	struct vm_stats s;
	sched_settle_roots(); /* frames_free then counts every free frame */
	/* Nothing changes while others are stopped: the counters and the
	 * frame totals come from one moment, so their sums hold. */
	sched_stop_world();
	vmstat_snapshot(&s);
	sched_resume_world();
	struct vm_space *vs = &proc_current()->vs;
	return (uint64_t)(long)uaccess_copyout(vs, arg_addr(0), &s, sizeof s);
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
	struct vm_space *vs = &proc_current()->vs;
	return (uint64_t)(long)uaccess_copyout(vs, arg_addr(0), &s, sizeof s);
}

static void print_line(const char *line)
{
	kprintf("%s\n", line);
}

/* Runs handed out per call: they go through the kernel stack. */
#define PGMAP_BATCH 32

static void pgmap_space(const struct proc *p, struct pg_space *sp)
{
	*sp = (struct pg_space){ .pid = p->pid, .sz = p->sz,
				 .heap_base = p->heap_base,
				 .root = p->vs.root ? kva_to_pa(p->vs.root) : 0 };
	memcpy(sp->name, p->name, sizeof sp->name);
}

/*
 * pgmap(pid, from, runs, max, space): up to max runs of pid's pages (0:
 * the caller's) at or above from; their number, or -1 if there is no such
 * process.  Another process's tables are read with the world stopped
 * (as refcheck does), so none of them changes under the walk.
 */
uint64_t sys_pgmap(void)
{
	struct proc *me = proc_current();
	int pid = arg_int(0);
	uintptr_t from = arg_addr(1);
	int max = arg_int(3);
	struct pg_run runs[PGMAP_BATCH];
	struct pg_space sp;
	if (max < 0)
		return (uint64_t)-1;
	if (max > PGMAP_BATCH)
		max = PGMAP_BATCH;
	int n = -1;
	if (pid == 0 || pid == me->pid) {
		pgmap_space(me, &sp);
		n = pgmap_runs(&me->vs, from, me->heap_base, runs, max);
	} else {
		sched_stop_world();
		struct proc *p = proc_by_pid(pid);
		if (p) {
			pgmap_space(p, &sp);
			n = p->state == PROC_EMBRYO || !p->vs.root
				    ? 0
				    : pgmap_runs(&p->vs, from, p->heap_base,
						 runs, max);
			spin_unlock(&p->lock);
		}
		sched_resume_world();
	}
	uint64_t bytes = n < 0 ? 0 : (uint64_t)n * sizeof runs[0];
	uintptr_t space = arg_addr(4);
	if (n < 0 || uaccess_copyout(&me->vs, arg_addr(2), runs, bytes) ||
	    (space && uaccess_copyout(&me->vs, space, &sp, sizeof sp)))
		return (uint64_t)-1;
	return (uint64_t)n;
}

/* Both spaces the moment fork shared them (proc_fork calls this before
 * the child can run, and the parent is still in the kernel). */
static void snapshot(void *ctx, struct proc *parent, struct proc *child)
{
	struct fork_snapshot *s = ctx;
	pgmap_space(parent, &s->parent);
	pgmap_space(child, &s->child);
	s->nparent = pgmap_runs(&parent->vs, 0, parent->heap_base,
				s->parent_runs, FORK_SNAPSHOT_RUNS);
	s->nchild = pgmap_runs(&child->vs, 0, child->heap_base,
			       s->child_runs, FORK_SNAPSHOT_RUNS);
}

/* fork, and the snapshot written to the caller's buffer: the child's pid,
 * or -1 (nothing forked) if the buffer is no writable memory or fork
 * fails.  Writing it first also makes its page the parent's own before
 * the fork, so the snapshot shows it as fork left it. */
uint64_t sys_forksnap(void)
{
	static const struct fork_snapshot empty;
	struct vm_space *vs = &proc_current()->vs;
	uintptr_t dst = arg_addr(0);
	struct fork_snapshot s = empty;
	if (uaccess_copyout(vs, dst, &s, sizeof s))
		return (uint64_t)-1;
	int pid = proc_fork(resume_user, snapshot, &s);
	/* The page is shared now: this copy breaks the share, and without a
	 * frame for it the caller finds the empty snapshot written above. */
	if (pid > 0)
		uaccess_copyout(vs, dst, &s, sizeof s);
	return (uint64_t)(long)pid;
}

#define PGOWNERS_MAX 32

/* Every user page that maps the managed frame at pa, at most max (up to
 * 32) of them: the count, or -1 for an address that is no managed frame
 * or a bad pointer.  Every space is walked with the world stopped. */
uint64_t sys_pgowners(void)
{
	uint64_t pa = arg_addr(0);
	int max = arg_int(2);
	struct pg_owner found[PGOWNERS_MAX];
	if (max > PGOWNERS_MAX)
		max = PGOWNERS_MAX;
	if (max < 0 || (pa & (PAGE_SIZE - 1)) || !frame_is_managed(pa))
		return (uint64_t)-1;
	int n = 0;
	sched_stop_world();
	for (int i = 0; i < NPROC && n < max; i++) {
		struct proc *p = &proc_table[i];
		if (p->state == PROC_UNUSED || p->state == PROC_EMBRYO ||
		    !p->vs.root)
			continue;
		int k = pgmap_owners(&p->vs, pa, found + n, max - n);
		for (int j = n; j < n + k; j++) {
			found[j].pid = p->pid;
			memcpy(found[j].name, p->name, sizeof found[j].name);
			found[j].refs = frame_refcount(pa);
		}
		n += k;
	}
	sched_resume_world();
	uint64_t bytes = (uint64_t)n * sizeof found[0];
	if (uaccess_copyout(&proc_current()->vs, arg_addr(1), found, bytes))
		return (uint64_t)-1;
	return (uint64_t)n;
}

uint64_t sys_trace(void)
{
	return (uint64_t)(long)trace_attach(arg_int(0), arg_int(1),
					     arg_addr(2));
}

uint64_t sys_traceread(void)
{
	return (uint64_t)(long)trace_read(arg_addr(0), arg_int(1), arg_addr(2));
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
	int nheld = asid_held_roots(held);
	struct refcheck_mismatch m;
	int bad = vm_check_refs(spaces, n, held, nheld, &m);
	if (bad)
		refcheck_report(&m, roots, n, print_line);
	sched_resume_world();
	return (uint64_t)bad;
}
