/*
 * Every hart runs scheduler(): it picks a RUNNABLE process in table order
 * (round-robin, since each pass starts where the last one left off), moves
 * onto that process's page table and kernel stack with swtch, and gets
 * control back when the process calls sched() -- because its time slice
 * ended, it sleeps, or it exited.  p->lock is held across both switches,
 * so no other hart can pick a process that is still on its way out.
 */
#include "proc/proc.h"

#include "arch/riscv.h"
#include "kernel/panic.h"
#include "mm/kvm.h"

void swtch(struct context *old, struct context *new);

static int world_stopped; /* the reference checker wants quiet */

/*
 * Claims the hart for p, unless the world was stopped since pick() looked:
 * c->proc is published before world_stopped is read again, and the
 * stopper sets world_stopped before reading c->proc (both sequentially
 * consistent), so either the stopper sees this hart busy and waits, or
 * this hart sees the stop and backs off.  0 if it backed off.
 */
static int claim(struct cpu *c, struct proc *p)
{
	__atomic_store_n(&c->proc, p, __ATOMIC_SEQ_CST);
	if (!__atomic_load_n(&world_stopped, __ATOMIC_SEQ_CST))
		return 1;
	__atomic_store_n(&c->proc, 0, __ATOMIC_SEQ_CST);
	return 0;
}

static void run(struct cpu *c, struct proc *p)
{
	if (!claim(c, p))
		return; /* p stays RUNNABLE for after the checker */
	p->state = PROC_RUNNING;
	c->slice_over = 0; /* a fresh time slice */
	kvm_install_root(p->vs.root);
	swtch(&c->sched_ctx, &p->ctx);
	kvm_install_hart(); /* off p's root before its parent can free it */
	__atomic_store_n(&c->proc, 0, __ATOMIC_RELEASE);
}

/* The first RUNNABLE process at or after slot `from`, taken (RUNNING,
 * locked), or 0 if none. */
static struct proc *pick(int from)
{
	for (int n = 0; n < NPROC; n++) {
		if (__atomic_load_n(&world_stopped, __ATOMIC_ACQUIRE))
			return 0;
		struct proc *p = &proc_table[(from + n) % NPROC];
		spin_lock(&p->lock);
		if (p->state == PROC_RUNNABLE)
			return p;
		spin_unlock(&p->lock);
	}
	return 0;
}

void scheduler(void)
{
	struct cpu *c = cpu_this();
	int next = 0;
	for (;;) {
		intr_on(); /* let device interrupts in between picks */
		struct proc *p = pick(next);
		if (!p) {
			wfi(); /* nothing to run: wait for an interrupt */
			continue;
		}
		run(c, p);
		spin_unlock(&p->lock);
		next = (int)(p - proc_table) + 1; /* round-robin */
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

void proc_yield(void)
{
	struct proc *p = proc_current();
	spin_lock(&p->lock);
	p->state = PROC_RUNNABLE;
	sched();
	spin_unlock(&p->lock);
}

/*
 * Taking p->lock before releasing lk closes the lost-wakeup window: a
 * waker must hold p->lock to look at our state, so it cannot run between
 * our check of the condition (under lk) and our being asleep.
 */
void proc_sleep(const void *chan, struct spinlock *lk)
{
	struct proc *p = proc_current();
	spin_lock(&p->lock);
	spin_unlock(lk);
	p->chan = chan;
	p->state = PROC_SLEEPING;
	sched();
	p->chan = 0;
	spin_unlock(&p->lock);
	spin_lock(lk);
}

void proc_wakeup(const void *chan)
{
	struct proc *me = proc_current();
	for (int i = 0; i < NPROC; i++) {
		struct proc *p = &proc_table[i];
		if (p == me)
			continue;
		spin_lock(&p->lock);
		if (p->state == PROC_SLEEPING && p->chan == chan)
			p->state = PROC_RUNNABLE;
		spin_unlock(&p->lock);
	}
}

/*
 * Stopping the world for the reference checker: no hart takes a new
 * process, and the caller waits until it is the only process on a hart.
 * Processes switched out are quiescent: they change their page tables
 * only while running.  The caller's own hart is looked up only once the
 * world is its: every proc_yield() may resume it on another hart.
 */
void sched_stop_world(void)
{
	while (__atomic_exchange_n(&world_stopped, 1, __ATOMIC_SEQ_CST))
		proc_yield(); /* another checker runs */
	struct cpu *me = cpu_this();
	for (int i = 0; i < NCPU; i++) {
		struct cpu *c = &cpus[i];
		if (c == me)
			continue;
		while (__atomic_load_n(&c->proc, __ATOMIC_SEQ_CST))
			;
	}
}

void sched_resume_world(void)
{
	__atomic_store_n(&world_stopped, 0, __ATOMIC_RELEASE);
}
