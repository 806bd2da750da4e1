/* lab trace: begin stub trace.c */
/*
 * Tracing: each tracer has a session, a ring of TRACE_RING events that
 * its traced processes append to and it reads from.  Nothing is lost: a
 * traced process that finds the ring full waits until its tracer reads
 * (as strace's tracee does), and a tracer that exits or is killed lets it
 * go.  The one exception is a fault the kernel takes while copying to or
 * from user memory, where it may hold a spinlock and must not sleep: the
 * ring keeps TRACE_KERNEL_ROOM slots for those, and one that still finds
 * it full is counted lost (trace prints the count).  Tracing begins at
 * the traced process's next exec, so the tracer's own set-up in the child
 * is not in the trace.  Sessions are static, so tracing needs no memory
 * and can leak none.  A session lives while its tracer or any of its
 * traced processes does.
 *
 * A fault is recorded from the report fault_resolve returns: what it
 * decided (copy, reuse, fill...), the frames and counts before and after.
 * The trap path hands the report in; the kernel's own copies to and from
 * user memory reach trace_kernel_fault through mm/uaccess.c's observer.
 *
 * Lock order: proc_wait_lock (attach, and exit's leaving), then a
 * session's lock, then what proc_wakeup takes.
 */
#include "proc/trace.h"

#include "include/trace.h"
#include "arch/printk.h"
#include "lib/string.h"
#include "lib/tracefmt.h"
#include "mm/fault.h"
#include "mm/uaccess.h"
#include "proc/sched/proc.h"
#include "arch/scause.h"
#include "proc/sched/sleep.h"

#define TRACE_SESSIONS 4     /* tracers at once */
#define TRACE_RING 256       /* events a session holds unread */
#define TRACE_KERNEL_ROOM 64 /* of them, kept for faults that cannot wait */
#define TRACE_READ_MAX 32    /* events one traceread hands out */

struct trace_session {
	struct spinlock lock;
	int in_use;
	int to_console;      /* trace=...: printed as they come, no ring */
	struct proc *tracer; /* 0 once it has exited */
	int traced;          /* processes recording here */
	struct trace_filter filter; /* set by the latest trace() */
	uint32_t head, count;
	uint64_t lost;
	struct trace_event ring[TRACE_RING];
};

static struct trace_session sessions[TRACE_SESSIONS];
static struct spinlock sessions_lock = SPINLOCK_INIT("trace");
static struct trace_session console_session = {
	.lock = SPINLOCK_INIT("trace console"), .in_use = 1, .to_console = 1
};

static struct trace_session *session_new(struct proc *tracer)
{
	struct trace_session *found = 0;
	spin_lock(&sessions_lock);
	for (int i = 0; i < TRACE_SESSIONS && !found; i++) {
		struct trace_session *s = &sessions[i];
		spin_lock(&s->lock);
		if (!s->in_use) {
			s->in_use = 1;
			s->tracer = tracer;
			s->traced = 0;
			s->head = s->count = 0;
			s->lost = 0;
			found = s;
		}
		spin_unlock(&s->lock);
	}
	spin_unlock(&sessions_lock);
	return found;
}

/* s->lock held: the last one out frees the session. */
static void session_put_locked(struct trace_session *s)
{
	if (!s->tracer && !s->traced && !s->to_console)
		s->in_use = 0;
}

/* Does the session's filter keep this event of p? */
static int wanted(const struct trace_session *s, const struct proc *p,
		  const struct trace_event *e)
{
	const struct trace_filter *f = &s->filter;
	if (!p->trace_chosen)
		return 0;
	if (e->kind == TRACE_SYSCALL)
		return 1;
	if (f->faults && (e->kind == TRACE_TABLE ||
			  !(f->faults & (1u << e->outcome))))
		return 0;
	return !(f->va_lo || f->va_hi) || (e->va >= f->va_lo && e->va < f->va_hi);
}

/* Appends e to p's session; with can_wait, first waits for room below
 * the slots kept for faults that cannot wait. */
static void record(struct proc *p, struct trace_event *e, int can_wait)
{
	struct trace_session *s = p->trace;
	if (!s->to_console && !wanted(s, p, e))
		return;
	e->pid = p->pid;
	memcpy(e->name, p->name, sizeof e->name - 1);
	e->name[sizeof e->name - 1] = 0;
	if (s->to_console) {
		char line[200];
		trace_format(line, sizeof line, e);
		kprintf("trace: %s\n", line);
		return;
	}
	spin_lock(&s->lock);
	while (can_wait && s->count >= TRACE_RING - TRACE_KERNEL_ROOM &&
	       s->tracer && !proc_killed(p))
		proc_sleep(&s->count, &s->lock);
	if (s->count == TRACE_RING) {
		s->lost++;
	} else {
		s->ring[(s->head + s->count) % TRACE_RING] = *e;
		s->count++;
		proc_wakeup(s);
	}
	spin_unlock(&s->lock);
}

void trace_boot(struct proc *init, const char *what)
{
	if (!what)
		return;
	int mask = (strchr(what, 's') ? TRACE_SYSCALLS : 0) |
		   (strchr(what, 'f') ? TRACE_FAULTS : 0);
	if (!mask)
		return;
	init->trace = &console_session;
	init->trace_mask = mask;
}

void trace_fork(struct proc *parent, struct proc *child)
{
	struct trace_session *s = parent->trace;
	child->trace = 0;
	child->trace_mask = child->trace_start = 0;
	child->trace_own = 0;
	if (!s)
		return;
	spin_lock(&s->lock);
	s->traced++;
	spin_unlock(&s->lock);
	child->trace = s;
	child->trace_start = parent->trace_start;
	child->trace_chosen = parent->trace_chosen ||
			      child->pid == s->filter.pid;
	child->trace_mask = parent->trace_mask;
}

void trace_exec(struct proc *p)
{
	if (p->trace_start) {
		__atomic_store_n(&p->trace_mask, p->trace_start,
				 __ATOMIC_RELEASE);
		p->trace_start = 0;
	}
}

void trace_exit(struct proc *p)
{
	struct trace_session *s = p->trace;
	if (s) {
		p->trace_mask = p->trace_start = 0;
		p->trace = 0;
		spin_lock(&s->lock);
		s->traced--;
		proc_wakeup(s); /* the tracer may be waiting for the end */
		session_put_locked(s);
		spin_unlock(&s->lock);
	}
	s = p->trace_own;
	if (s) {
		p->trace_own = 0;
		spin_lock(&s->lock);
		s->tracer = 0;
		proc_wakeup(&s->count); /* nobody will read: stop waiting */
		session_put_locked(s);
		spin_unlock(&s->lock);
	}
}

/* Only a child not yet traced, by its parent: the parent decides what
 * the child runs, so it may see what the child does.  Recording starts at
 * the child's next exec (trace_exec). */
int trace_attach(int pid, int what, uintptr_t filter)
{
	struct proc *me = proc_current();
	struct trace_filter f = { 0 };
	if (!what || (what & ~(TRACE_SYSCALLS | TRACE_FAULTS)))
		return -1;
	if (filter && uaccess_copyin(&me->vs, &f, filter, sizeof f))
		return -1;
	if (!me->trace_own && !(me->trace_own = session_new(me)))
		return -1;
	struct trace_session *s = me->trace_own;
	int ok = 0;
	spin_lock(&proc_wait_lock); /* keeps c->parent and c alive */
	struct proc *c = proc_by_pid(pid);
	if (c) {
		ok = c->parent == me && !c->trace && c->state != PROC_ZOMBIE;
		spin_unlock(&c->lock);
	}
	if (ok) {
		spin_lock(&s->lock);
		s->traced++;
		s->filter = f;
		spin_unlock(&s->lock);
		c->trace = s;
		c->trace_chosen = !f.pid || f.pid == c->pid;
		c->trace_start = what;
	}
	spin_unlock(&proc_wait_lock);
	return ok ? 0 : -1;
}

/* Waits for events, or for every traced process to be gone (0). */
int trace_read(uintptr_t events, int max, uintptr_t lost)
{
	struct proc *me = proc_current();
	struct trace_session *s = me->trace_own;
	struct trace_event batch[TRACE_READ_MAX];
	if (!s || max <= 0)
		return -1;
	if (max > TRACE_READ_MAX)
		max = TRACE_READ_MAX;
	spin_lock(&s->lock);
	while (!s->count && s->traced && !proc_killed(me))
		proc_sleep(s, &s->lock);
	int n = 0;
	for (; n < max && s->count; n++) {
		batch[n] = s->ring[s->head];
		s->head = (s->head + 1) % TRACE_RING;
		s->count--;
	}
	if (n)
		proc_wakeup(&s->count); /* traced processes waiting for room */
	uint64_t dropped = s->lost;
	spin_unlock(&s->lock);
	uint64_t bytes = (uint64_t)n * sizeof batch[0];
	if (uaccess_copyout(&me->vs, events, batch, bytes) ||
	    (lost && uaccess_copyout(&me->vs, lost, &dropped, sizeof dropped)))
		return -1;
	return n;
}

void trace_syscall(struct proc *p, uint32_t number, const uint64_t args[3],
		   uint64_t ret)
{
	struct trace_event e = { .kind = TRACE_SYSCALL, .number = number,
				 .args = { args[0], args[1], args[2] },
				 .ret = (int64_t)ret };
	record(p, &e, 1); /* only exit ends tracing, and it does not return */
}

static uint8_t access_of(uint64_t scause)
{
	return scause == EXC_INST_PAGE_FAULT	 ? 'x'
	       : scause == EXC_LOAD_PAGE_FAULT ? 'r'
					       : 'w';
}

void trace_fault(struct proc *p, uintptr_t va, uint64_t scause,
		 const struct fault_report *r, int by_kernel)
{
	struct trace_event e = {
		.kind = TRACE_TABLE,
		.access = access_of(scause),
		.by_kernel = (uint8_t)by_kernel,
		.va = PAGE_ROUND_DOWN(va),
		.frame_before = r->table_before,
		.frame_after = r->table_after,
		.refs_before = r->table_refs,
	};
	/* Making the table ours is its own event, before the decision it
	 * enabled, whose counts it explains (an unshare adds a reference to
	 * every frame the table maps). */
	if (r->table_after)
		record(p, &e, !by_kernel);
	e.kind = TRACE_FAULT;
	e.outcome = (uint8_t)r->outcome;
	e.table_refs = r->table_after ? 0 : r->table_refs;
	e.frame_before = r->frame_before;
	e.frame_after = r->frame_after;
	e.refs_before = r->refs_before;
	e.refs_after = r->refs_after;
	record(p, &e, !by_kernel);
}

void trace_kernel_fault(struct vm_space *vs, uintptr_t va, uint64_t scause,
			const struct fault_report *r)
{
	struct proc *p = proc_current();
	if (p && vs == &p->vs && proc_traces(p, TRACE_FAULTS))
		trace_fault(p, va, scause, r, 1);
}
/* lab trace: end */
