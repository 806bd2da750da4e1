/*
 * Every hart runs scheduler(): it takes the process at the head of the run
 * queue, moves onto that process's address space and kernel stack with
 * swtch, and gets control back when the process calls sched() -- because
 * its time slice ended, it sleeps, or it exited.  p->lock is held across
 * both switches, so no other hart can take a process that is still on its
 * way out.
 *
 * The run queue holds exactly the RUNNABLE processes, in the order they
 * became runnable (round-robin), so picking costs the same with 2
 * processes or 64.  A hart that finds it empty waits in wfi, and whoever
 * makes a process runnable wakes one waiting hart with an inter-processor
 * interrupt (docs/process.md, "Idle harts").
 */
#include "proc/proc.h"

#include "arch/riscv.h"
#include "arch/sbi.h"
#include "kernel/panic.h"
#include "mm/asid.h"

void swtch(struct context *old, struct context *new);

static struct spinlock runq_lock = SPINLOCK_INIT("runq");
static struct proc *runq_head, *runq_tail; /* linked through run_next */
static uint32_t idle_harts;  /* bit i: cpus[i] waits in wfi for work */
static int world_stopped;    /* the reference checker wants quiet */

static uint32_t hart_bit(struct cpu *c)
{
	return 1u << (c - cpus);
}

static void send_wakeup(uint32_t bit)
{
	sbi_send_ipi(cpus[__builtin_ctz(bit)].hart_id);
	cpu_this()->ipis_sent++;
}

/* Wakes one hart that waits for work, if any.  The caller has just made
 * work; the fence orders that before our look at idle_harts, as the idle
 * hart orders its bit before its look at the queue (sched_idle). */
static void wake_idle_hart(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	uint32_t idle;
	while ((idle = __atomic_load_n(&idle_harts, __ATOMIC_RELAXED))) {
		uint32_t bit = idle & -idle;
		/* Claim it, so two wakers do not both pick the same hart. */
		if (__atomic_fetch_and(&idle_harts, ~bit, __ATOMIC_SEQ_CST) &
		    bit) {
			send_wakeup(bit);
			return;
		}
	}
}

/* p->lock held. */
void sched_make_runnable(struct proc *p)
{
	p->state = PROC_RUNNABLE;
	p->run_next = 0;
	spin_lock(&runq_lock);
	if (runq_tail)
		runq_tail->run_next = p;
	else
		__atomic_store_n(&runq_head, p, __ATOMIC_RELAXED);
	runq_tail = p;
	spin_unlock(&runq_lock);
	wake_idle_hart();
}

/* The head of the run queue, or 0 if it is empty or the world stopped. */
static struct proc *runq_take(void)
{
	if (!__atomic_load_n(&runq_head, __ATOMIC_RELAXED) ||
	    __atomic_load_n(&world_stopped, __ATOMIC_ACQUIRE))
		return 0;
	spin_lock(&runq_lock);
	struct proc *p = runq_head;
	if (p) {
		__atomic_store_n(&runq_head, p->run_next, __ATOMIC_RELAXED);
		if (!p->run_next)
			runq_tail = 0;
	}
	spin_unlock(&runq_lock);
	return p;
}

/* Puts p back at the head: it was taken, but may not run yet. */
static void runq_put_back(struct proc *p)
{
	spin_lock(&runq_lock);
	p->run_next = runq_head;
	if (!runq_tail)
		runq_tail = p;
	__atomic_store_n(&runq_head, p, __ATOMIC_RELAXED);
	spin_unlock(&runq_lock);
}

/*
 * Nothing to run: wait in wfi until an interrupt.  Interrupts are off
 * from before the hart announces itself idle until wfi, so a wakeup IPI
 * sent after our last look at the queue stays pending and ends the wfi
 * (wfi waits for a pending interrupt even with sstatus.SIE clear).
 */
static void sched_idle(struct cpu *c)
{
	/* Let go of the last process's root: if that process exits or
	 * execs elsewhere meanwhile, its root is freed at once. */
	if (c->root_held)
		vm_activate_kernel();
	csr_clear(sstatus, SSTATUS_SIE);
	__atomic_fetch_or(&idle_harts, hart_bit(c), __ATOMIC_SEQ_CST);
	if (!__atomic_load_n(&runq_head, __ATOMIC_SEQ_CST) ||
	    __atomic_load_n(&world_stopped, __ATOMIC_SEQ_CST)) {
		c->idle_waits++;
		wfi();
	}
	__atomic_fetch_and(&idle_harts, ~hart_bit(c), __ATOMIC_SEQ_CST);
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
 * (mm/asid.c keeps its root alive): the next process's vm_activate is
 * the only satp write of a switch. */
static void run(struct cpu *c, struct proc *p)
{
	if (!claim(c, p)) {
		runq_put_back(p); /* for after the checker */
		return;
	}
	p->state = PROC_RUNNING;
	c->slice_over = 0; /* a fresh time slice */
	c->switches++;
	vm_activate(&p->vs);
	swtch(&c->sched_ctx, &p->ctx);
	__atomic_store_n(&c->proc, 0, __ATOMIC_RELEASE);
}

void scheduler(void)
{
	struct cpu *c = cpu_this();
	for (;;) {
		intr_on(); /* let device interrupts in between picks */
		struct proc *p = runq_take();
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
void proc_yield(void)
{
	if (!__atomic_load_n(&runq_head, __ATOMIC_RELAXED) &&
	    !__atomic_load_n(&world_stopped, __ATOMIC_RELAXED))
		return;
	struct proc *p = proc_current();
	spin_lock(&p->lock);
	sched_make_runnable(p);
	sched();
	spin_unlock(&p->lock);
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

/* Harts that went idle while the world was stopped may have work now. */
void sched_resume_world(void)
{
	__atomic_store_n(&world_stopped, 0, __ATOMIC_SEQ_CST);
	uint32_t idle = __atomic_exchange_n(&idle_harts, 0, __ATOMIC_SEQ_CST);
	for (; idle; idle &= idle - 1)
		send_wakeup(idle & -idle);
}
