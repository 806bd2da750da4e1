/*
 * Sleeping on a channel and waking its sleepers.  A channel is any
 * address that names what the sleeper waits for (a pipe's counter, a
 * parent's struct proc, the tick lock).  Sleepers hang on a wait list, one
 * of SLEEP_BUCKETS chosen by hashing the channel, so a wakeup looks only at
 * the sleepers that share its bucket -- usually none or the ones it wants
 * -- instead of every process slot.  docs/process.md explains why no
 * wakeup is lost.
 *
 * Lock order: the caller's condition lock, then a bucket lock, then a
 * process lock, then the run queue's (proc/sched/sched.c).
 */
#include "proc/sched/proc.h"

#include "arch/panic.h"
#include "proc/sched/sched.h"
#include "proc/sched/sleep.h"

#define SLEEP_BUCKETS 64 /* a power of two */

struct sleep_bucket {
	struct spinlock lock;
	struct proc *head; /* sleepers, linked through sleep_next */
};

static struct sleep_bucket buckets[SLEEP_BUCKETS];

static struct sleep_bucket *bucket_of(const void *chan)
{
	/* Channels are addresses of objects of 4 bytes or more, often in
	 * arrays: drop the low bits, then mix so that neighbours spread. */
	uint64_t h = ((uintptr_t)chan >> 3) * 0x9e3779b97f4a7c15ULL;
	return &buckets[h >> (64 - 6)];
}
_Static_assert(SLEEP_BUCKETS == 1 << 6, "bucket_of takes the top 6 bits");

/* Both with the bucket locked. */
static void bucket_add(struct sleep_bucket *b, struct proc *p,
		       const void *chan)
{
	p->chan = chan;
	p->sleep_next = b->head;
	p->sleep_prev = &b->head;
	if (b->head)
		b->head->sleep_prev = &p->sleep_next;
	__atomic_store_n(&b->head, p, __ATOMIC_RELAXED);
}

static void bucket_remove(struct proc *p)
{
	if (p->sleep_next)
		p->sleep_next->sleep_prev = p->sleep_prev;
	__atomic_store_n(p->sleep_prev, p->sleep_next, __ATOMIC_RELAXED);
	p->sleep_next = 0;
	p->sleep_prev = 0;
	__atomic_store_n(&p->chan, 0, __ATOMIC_RELAXED); /* see proc_sleep */
}

/*
 * The sleeper joins the wait list and marks itself SLEEPING before it lets
 * go of lk, and a waker must hold lk to change the condition and call
 * proc_wakeup: so a waker either runs before our check of the condition
 * (and we see the change) or finds us on the list.  p->lock, held from
 * before SLEEPING until the scheduler has switched away from us, makes the
 * waker wait until we really are off the hart.
 */
void proc_sleep(const void *chan, struct spinlock *lk)
{
	struct proc *p = proc_current();
	struct sleep_bucket *b = bucket_of(chan);
	spin_lock(&b->lock);
	bucket_add(b, p, chan);
	spin_lock(&p->lock);
	p->state = PROC_SLEEPING;
	spin_unlock(&b->lock);
	spin_unlock(lk);
	sched();
	spin_unlock(&p->lock);
	/* A wakeup took us off the list; a kill (proc_kill) did not. */
	if (__atomic_load_n(&p->chan, __ATOMIC_RELAXED)) {
		spin_lock(&b->lock);
		if (p->chan)
			bucket_remove(p);
		spin_unlock(&b->lock);
	}
	spin_lock(lk);
}

/*
 * The caller holds the lock its sleepers passed to proc_sleep, so any
 * sleeper that saw the old condition is on the list already: an empty
 * bucket, read without its lock, means nobody to wake.  (Sleepers on other
 * channels of the bucket may come and go meanwhile; they never empty it of
 * ours.)
 */
void proc_wakeup(const void *chan)
{
	struct sleep_bucket *b = bucket_of(chan);
	if (!__atomic_load_n(&b->head, __ATOMIC_RELAXED))
		return;
	spin_lock(&b->lock);
	struct proc *next;
	for (struct proc *p = b->head; p; p = next) {
		next = p->sleep_next;
		if (p->chan != chan)
			continue;
		bucket_remove(p);
		spin_lock(&p->lock);
		if (p->state == PROC_SLEEPING)
			sched_make_runnable(p);
		spin_unlock(&p->lock);
	}
	spin_unlock(&b->lock);
}

/* A kill is only a flag: the process acts on it at its next way back to
 * user mode, and a sleeper checks it each time it wakes. */
void proc_set_killed(struct proc *p)
{
	__atomic_store_n(&p->killed, 1, __ATOMIC_RELEASE);
}

int proc_current_killed(void)
{
	return proc_killed(proc_current());
}
