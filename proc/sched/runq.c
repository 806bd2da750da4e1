/*
 * Run queues: one per hart, holding exactly the RUNNABLE processes, each
 * in the order they became runnable (round-robin), so picking costs the
 * same with 2 processes or 64.
 *
 * Where a process goes when it becomes runnable decides how work spreads.
 * A process woken by another in a system call goes to the waker's hart if
 * that hart has nothing queued: the waker usually sleeps next (on a pipe,
 * in wait) and the hart then runs it at once, with its caches and no
 * wakeup latency.  Anything else -- a new child (its parent goes on
 * running), a wakeup from an interrupt (the clock, the console), a waker
 * with work queued already -- goes to a hart that waits idle in wfi
 * (claimed, then woken with an inter-processor interrupt), if there is
 * one, else to the waker's queue.  A hart whose own queue is empty takes
 * work from another hart's queue, but only from a hart that is busy
 * running a process (its queue waits behind that process) or that has
 * left the work waiting for STEAL_AFTER_US; a hart just woken to run what
 * it was given gets to run it.
 * docs/process.md, "Run queues and idle harts".
 */
#include "proc/sched/runq.h"

#include "arch/riscv.h"
#include "arch/sbi.h"
#include "arch/timer.h"

struct runq {
	struct spinlock lock;
	struct proc *head, *tail; /* linked through run_next */
};

/* How long a hart woken to run a process has before others may take it:
 * ample for an IPI, short enough that a hart the host is not running
 * (QEMU harts are host threads) holds nothing up for long. */
#define STEAL_AFTER_US 100

static struct runq runqs[NCPU];
static uint32_t idle_harts; /* bit i: cpus[i] waits in wfi for work */

static int hart_index(struct cpu *c)
{
	return (int)(c - cpus);
}

static void send_wakeup(int i)
{
	sbi_send_ipi(cpus[i].hart_id);
	cpu_this()->ipis_sent++;
}

/*
 * Takes an idle hart off the idle set (so two wakers do not pick the
 * same one); its index, or -1 if none waits.  The fence orders the
 * caller's queue change before the look at idle_harts, as runq_idle
 * orders its bit before its look at the queues: either the idle hart
 * sees the work or the waker sees the hart.
 */
static int claim_idle_hart(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	uint32_t idle;
	while ((idle = __atomic_load_n(&idle_harts, __ATOMIC_RELAXED))) {
		uint32_t bit = idle & -idle;
		if (__atomic_fetch_and(&idle_harts, ~bit, __ATOMIC_SEQ_CST) & bit)
			return __builtin_ctz(bit);
	}
	return -1;
}

static void push(struct runq *q, struct proc *p)
{
	p->run_next = 0;
	p->queued_at = rdtime();
	spin_lock(&q->lock);
	if (q->tail)
		q->tail->run_next = p;
	else
		__atomic_store_n(&q->head, p, __ATOMIC_RELAXED);
	q->tail = p;
	spin_unlock(&q->lock);
}

/*
 * Will the hart that makes p runnable soon be free for it?  When a process
 * wakes another in a system call it usually blocks next (the other end of
 * a pipe, exit waking the parent), so yes.  A new child's parent goes on
 * running, and an interrupt's wakeup (the clock, the console) belongs to
 * no one here: the process it interrupted goes on.
 */
static int waker_will_yield(struct cpu *c, int is_new)
{
	return !is_new && !c->in_interrupt;
}

void runq_add(struct proc *p, int is_new)
{
	struct cpu *c = cpu_this();
	struct runq *mine = &runqs[hart_index(c)];
	if (!waker_will_yield(c, is_new) ||
	    __atomic_load_n(&mine->head, __ATOMIC_RELAXED)) {
		/* It would wait behind other work here: an idle hart's. */
		int idle = claim_idle_hart();
		if (idle >= 0) {
			push(&runqs[idle], p);
			send_wakeup(idle);
			return;
		}
	}
	/* Next in line here, and an idle hart is woken that may take it
	 * first if this hart stays busy after all. */
	push(mine, p);
	int idle = claim_idle_hart();
	if (idle >= 0)
		send_wakeup(idle);
}

void runq_put_back(struct cpu *c, struct proc *p)
{
	struct runq *q = &runqs[hart_index(c)];
	spin_lock(&q->lock);
	p->run_next = q->head;
	if (!q->tail)
		q->tail = p;
	__atomic_store_n(&q->head, p, __ATOMIC_RELAXED);
	spin_unlock(&q->lock);
}

static struct proc *pop(struct runq *q)
{
	spin_lock(&q->lock);
	struct proc *p = q->head;
	if (p) {
		__atomic_store_n(&q->head, p->run_next, __ATOMIC_RELAXED);
		if (!p->run_next)
			q->tail = 0;
	}
	spin_unlock(&q->lock);
	return p;
}

/* Has the head of hart v's queue waited longer than a wakeup takes? */
static int left_waiting(int v)
{
	struct proc *p = __atomic_load_n(&runqs[v].head, __ATOMIC_SEQ_CST);
	return p && rdtime() - __atomic_load_n(&p->queued_at, __ATOMIC_RELAXED) >
			    timer_cycles(STEAL_AFTER_US);
}

/* Does hart v's queue wait behind the process v is running? */
static int waits_behind_busy_hart(int v)
{
	return __atomic_load_n(&runqs[v].head, __ATOMIC_SEQ_CST) &&
	       __atomic_load_n(&cpus[v].proc, __ATOMIC_RELAXED);
}

static struct proc *steal(struct cpu *c, int v)
{
	struct proc *p = pop(&runqs[v]);
	if (p)
		c->steals++;
	return p;
}

/*
 * Work another hart left waiting comes first, so nothing starves behind
 * a hart the host is not running; then this hart's own queue; then what
 * waits behind a busy hart.
 */
struct proc *runq_take(struct cpu *c)
{
	int me = hart_index(c);
	struct proc *p;
	for (int n = 1; n < NCPU; n++)
		if (left_waiting((me + n) % NCPU) &&
		    (p = steal(c, (me + n) % NCPU)))
			return p;
	if (__atomic_load_n(&runqs[me].head, __ATOMIC_RELAXED) &&
	    (p = pop(&runqs[me])))
		return p;
	for (int n = 1; n < NCPU; n++)
		if (waits_behind_busy_hart((me + n) % NCPU) &&
		    (p = steal(c, (me + n) % NCPU)))
			return p;
	return 0;
}

int runq_has_work(struct cpu *c)
{
	int me = hart_index(c);
	if (__atomic_load_n(&runqs[me].head, __ATOMIC_SEQ_CST))
		return 1;
	for (int n = 1; n < NCPU; n++)
		if (left_waiting((me + n) % NCPU) ||
		    waits_behind_busy_hart((me + n) % NCPU))
			return 1;
	return 0;
}

/* Work queued for another hart that we may take once it has waited
 * STEAL_AFTER_US: an interrupt then, rather than at the next tick, in
 * case that hart does not get to it (the host may not be running it). */
static void wake_for_waiting_work(int me)
{
	uint64_t first = UINT64_MAX;
	for (int n = 1; n < NCPU; n++) {
		struct proc *p = __atomic_load_n(&runqs[(me + n) % NCPU].head,
						 __ATOMIC_SEQ_CST);
		uint64_t at = p ? __atomic_load_n(&p->queued_at,
						  __ATOMIC_RELAXED)
				: UINT64_MAX;
		if (at < first)
			first = at;
	}
	if (first != UINT64_MAX)
		timer_wake_at(first + timer_cycles(STEAL_AFTER_US) + 1);
}

void runq_idle(struct cpu *c, int (*stay_idle)(struct cpu *))
{
	uint32_t bit = 1u << hart_index(c);
	__atomic_fetch_or(&idle_harts, bit, __ATOMIC_SEQ_CST);
	if (stay_idle(c)) {
		c->idle_waits++;
		wake_for_waiting_work(hart_index(c));
		wfi();
	}
	__atomic_fetch_and(&idle_harts, ~bit, __ATOMIC_SEQ_CST);
}

void runq_wake_idle_harts(void)
{
	uint32_t idle = __atomic_exchange_n(&idle_harts, 0, __ATOMIC_SEQ_CST);
	for (; idle; idle &= idle - 1)
		send_wakeup(__builtin_ctz(idle));
}
