/*
 * Run queues: one per hart, holding exactly the RUNNABLE processes, each
 * in the order they became runnable (round-robin), so picking costs the
 * same with 2 processes or 64.
 *
 * Where a process goes when it becomes runnable decides how work spreads:
 * to a hart that waits idle in wfi if there is one (claimed, then woken
 * with an inter-processor interrupt), else to the queue of the hart doing
 * the waking.  A hart whose own queue is empty takes work from another
 * hart's queue, but only from a hart that is busy running a process (its
 * queue waits behind that process) or that has left the work waiting for
 * STEAL_AFTER_US; a hart just woken to run what it was given gets to run
 * it.
 * docs/process.md, "Run queues and idle harts".
 */
#include "proc/runq.h"

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

void runq_add(struct proc *p)
{
	int idle = claim_idle_hart();
	if (idle >= 0) {
		push(&runqs[idle], p);
		send_wakeup(idle);
		return;
	}
	push(&runqs[hart_index(cpu_this())], p);
	/* A hart that went idle meanwhile may take it from us. */
	idle = claim_idle_hart();
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

/* May thief take what waits on victim's queue? */
static int stealable(struct cpu *victim)
{
	struct runq *q = &runqs[hart_index(victim)];
	struct proc *p = __atomic_load_n(&q->head, __ATOMIC_SEQ_CST);
	if (!p)
		return 0;
	return __atomic_load_n(&victim->proc, __ATOMIC_RELAXED) ||
	       rdtime() - __atomic_load_n(&p->queued_at, __ATOMIC_RELAXED) >
		       timer_cycles(STEAL_AFTER_US);
}

struct proc *runq_take(struct cpu *c)
{
	int me = hart_index(c);
	struct proc *p = 0;
	if (__atomic_load_n(&runqs[me].head, __ATOMIC_RELAXED))
		p = pop(&runqs[me]);
	for (int n = 1; !p && n < NCPU; n++) {
		int v = (me + n) % NCPU;
		if (stealable(&cpus[v]) && (p = pop(&runqs[v])))
			c->steals++;
	}
	return p;
}

int runq_has_work(struct cpu *c)
{
	int me = hart_index(c);
	if (__atomic_load_n(&runqs[me].head, __ATOMIC_SEQ_CST))
		return 1;
	for (int n = 1; n < NCPU; n++)
		if (stealable(&cpus[(me + n) % NCPU]))
			return 1;
	return 0;
}

void runq_idle(struct cpu *c, int (*stay_idle)(struct cpu *))
{
	uint32_t bit = 1u << hart_index(c);
	__atomic_fetch_or(&idle_harts, bit, __ATOMIC_SEQ_CST);
	if (stay_idle(c)) {
		c->idle_waits++;
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
