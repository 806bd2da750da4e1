/*
 * Every hart runs scheduler(): it takes the next process from the run
 * queues (proc/sched/runq.c), moves onto that process's address space and
 * kernel stack with swtch, and gets control back when the process calls
 * sched() -- because its time slice ended, it sleeps, or it exited.
 * p->lock is held across both switches, so no other hart can take a
 * process that is still on its way out.  A hart with nothing to run waits
 * in wfi until a wakeup IPI, a tick or a device interrupt.
 */
#include "proc/sched/proc.h"

#include "arch/riscv.h"
#include "arch/panic.h"
#include "mm/asid.h"
#include "proc/sched/runq.h"
#include "proc/sched/sched.h"
#include "proc/sched/fpu.h"

void swtch(struct context *old, struct context *new);

static int world_stopped; /* the reference checker wants quiet */

/* p->lock held. */
void sched_make_runnable(struct proc *p)
{
	int is_new = p->state == PROC_EMBRYO;
	p->state = PROC_RUNNABLE;
	runq_add(p, is_new);
}

static int nothing_to_run(struct cpu *c)
{
	return __atomic_load_n(&world_stopped, __ATOMIC_SEQ_CST) ||
	       !runq_has_work(c);
}

/*
 * Lets go of the last process's root before idling, so that if that
 * process exits or execs elsewhere meanwhile its root is freed at once.
 * Not while the world is stopped: the checker counts the roots harts
 * hold.  The handshake is claim()'s: the stopper sets world_stopped and
 * then waits for c->releasing to clear.
 */
static void release_root(struct cpu *c)
{
	if (!c->root_held)
		return;
	__atomic_store_n(&c->releasing, 1, __ATOMIC_SEQ_CST);
	if (!__atomic_load_n(&world_stopped, __ATOMIC_SEQ_CST))
		asid_activate_kernel();
	__atomic_store_n(&c->releasing, 0, __ATOMIC_RELEASE);
}

/*
 * Nothing to run: wait in wfi until an interrupt.  Interrupts are off
 * from before the hart announces itself idle until wfi, so a wakeup IPI
 * sent after our last look at the queues stays pending and ends the wfi
 * (wfi waits for a pending interrupt even with sstatus.SIE clear).
 */
static void sched_idle(struct cpu *c)
{
	release_root(c);
	csr_clear(sstatus, SSTATUS_SIE);
	runq_idle(c, nothing_to_run);
	/* The scheduler loop turns interrupts on: a pending one runs then. */
}

/*
 * Claims the hart for p, unless the world was stopped since runq_take
 * looked: c->proc is published before world_stopped is read again, and
 * the stopper sets world_stopped before reading c->proc (both
 * sequentially consistent), so either the stopper sees this hart busy and
 * waits, or this hart sees the stop and backs off.  0 if it backed off.
 */
static int claim(struct cpu *c, struct proc *p)
{
	__atomic_store_n(&c->proc, p, __ATOMIC_SEQ_CST);
	if (!__atomic_load_n(&world_stopped, __ATOMIC_SEQ_CST))
		return 1;
	__atomic_store_n(&c->proc, 0, __ATOMIC_SEQ_CST);
	return 0;
}

/* p->lock held.  The hart stays on p's address space after p leaves
 * (mm/asid.c keeps its root alive): the next process's asid_activate is
 * the only satp write of a switch. */
static void run(struct cpu *c, struct proc *p)
{
	if (!claim(c, p)) {
		runq_put_back(c, p); /* for after the checker */
		return;
	}
	p->state = PROC_RUNNING;
	c->slice_over = 0; /* a fresh time slice */
	c->switches++;
	asid_activate(&p->vs);
	swtch(&c->sched_ctx, &p->ctx);
	__atomic_store_n(&c->proc, 0, __ATOMIC_RELEASE);
}

void scheduler(void)
{
	struct cpu *c = cpu_this();
	for (;;) {
		intr_on(); /* let device interrupts in between picks */
		struct proc *p = __atomic_load_n(&world_stopped,
						 __ATOMIC_ACQUIRE)
					 ? 0
					 : runq_take(c);
		if (!p) {
			sched_idle(c);
			continue;
		}
		spin_lock(&p->lock);
		if (p->state != PROC_RUNNABLE)
			panic("scheduler: pid %d queued but not runnable",
			      p->pid);
		run(c, p);
		spin_unlock(&p->lock);
	}
}

void sched(void)
{
	struct proc *p = proc_current();
	struct cpu *c = cpu_this();
	if (!spin_holding(&p->lock))
		panic("sched: %d does not hold its lock", p->pid);
	if (c->intr_depth != 1)
		panic("sched: %d holds another lock", p->pid);
	if (p->state == PROC_RUNNING)
		panic("sched: %d is still running", p->pid);
	fpu_save(p);
	/* The interrupt state belongs to this kernel thread, not to the hart
	 * it happens to come back on. */
	int was_on = c->intr_was_on;
	swtch(&p->ctx, &c->sched_ctx);
	cpu_this()->intr_was_on = was_on;
}

/* Gives up the hart, unless nobody else wants it: then the switch would
 * only come back here.  (Not while the world stops: the checker waits for
 * every other hart to leave its process.) */
void sched_yield(void)
{
	if (!__atomic_load_n(&world_stopped, __ATOMIC_RELAXED) &&
	    !runq_has_work(cpu_this()))
		return;
	struct proc *p = proc_current();
	spin_lock(&p->lock);
	sched_make_runnable(p);
	sched();
	spin_unlock(&p->lock);
}

/*
 * Stopping the world for the reference checker: no hart takes a new
 * process or lets go of a root, and the caller waits until it is the only
 * process on a hart.
 * Processes switched out are quiescent: they change their page tables
 * only while running.  The caller's own hart is looked up only once the
 * world is its: every sched_yield() may resume it on another hart.
 */
void sched_stop_world(void)
{
	while (__atomic_exchange_n(&world_stopped, 1, __ATOMIC_SEQ_CST))
		sched_yield(); /* another checker runs */
	struct cpu *me = cpu_this();
	for (int i = 0; i < NCPU; i++) {
		struct cpu *c = &cpus[i];
		if (c == me)
			continue;
		while (__atomic_load_n(&c->proc, __ATOMIC_SEQ_CST) ||
		       __atomic_load_n(&c->releasing, __ATOMIC_SEQ_CST))
			;
	}
}

/*
 * Waits until no other hart holds the root of a space that is gone, so a
 * count of free frames sees those frames; 1 if it had to wait.  It
 * yields meanwhile: a hart keeps such a root while the world is stopped
 * (release_root), and a checker that stopped it may be waiting for this
 * hart to leave its process.  No locks held.
 */
int sched_settle_roots(void)
{
	int waited = 0;
	while (asid_dead_root_held()) {
		waited = 1;
		sched_yield();
	}
	return waited;
}

/* Harts that went idle while the world was stopped may have work now. */
void sched_resume_world(void)
{
	__atomic_store_n(&world_stopped, 0, __ATOMIC_SEQ_CST);
	runq_wake_idle_harts();
}
