/*
 * Handing out and taking back frames (mm/frame.c keeps their metadata).
 *
 * All free frames could sit on one list under one lock, and at first they
 * did; but every COW break and every exit takes that lock, and with three
 * harts faulting at once its cache line moves from hart to hart on every
 * call.  So each hart keeps a small stack of free frames of its own in
 * front of the shared list (the idea of Linux's per-CPU page lists):
 *
 *   alloc: pop from this hart's stack; when it is empty, first move a
 *          batch over from the shared list (one lock round for BATCH);
 *   free:  push onto this hart's stack; when it is full, move a batch back.
 *
 * A hart's stack has its own lock, which only that hart takes in the
 * normal course, so it never waits for it; and since no interrupt handler
 * allocates or frees frames, that lock leaves interrupts on
 * (spin_lock_unmasked), which halves its cost.  The exception is
 * exhaustion: a hart that finds its stack and the shared list empty takes
 * a frame from another hart's stack, so no free frame is ever out of reach
 * (usertests counts free memory by allocating all of it, before and after).
 *
 * Lock order: a hart's stack, then the shared list.  A thief holds one
 * stack lock at a time and never the shared one.
 */
#include "arch/cpu.h"
#include "arch/param.h"
#include "arch/spinlock.h"
#include "arch/panic.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/frame_pool.h"
#include "mm/page.h"

#define STACK_MAX 64 /* frames a hart may hold back */
#define BATCH 32     /* frames moved per trip to the shared list */
#define POISON_BYTE 0x5a

static struct {
	struct spinlock lock; /* protects head */
	paddr_t head;         /* 0 = empty; the next pointer is in each frame */
} shared = { .lock = SPINLOCK_INIT("frames") };

static struct hart_stack {
	struct spinlock lock;
	int n;
	paddr_t frames[STACK_MAX];
} stacks[NCPU] = { [0 ... NCPU - 1] = { .lock = SPINLOCK_INIT("hart frames") } };

static size_t nfree; /* atomic: every free frame, stacks and list */

static struct {
	uint64_t every;    /* failalloc: fail each every-th allocation */
	uint64_t after;    /* one-shot: fail the after-th from now */
	uint64_t attempts; /* allocations while either is set */
} fail;

static void list_push(paddr_t pa)
{
	*(paddr_t *)pa_to_kva(pa) = shared.head;
	shared.head = pa;
}

static paddr_t list_pop(void)
{
	paddr_t pa = shared.head;
	if (pa)
		shared.head = *(paddr_t *)pa_to_kva(pa);
	return pa;
}

void frame_pool_init(void)
{
	shared.head = 0;
	for (int i = 0; i < NCPU; i++)
		stacks[i].n = 0;
	nfree = 0;
}

void frame_pool_add(paddr_t pa)
{
	__atomic_fetch_add(&nfree, 1, __ATOMIC_RELAXED);
	spin_lock(&shared.lock);
	list_push(pa);
	spin_unlock(&shared.lock);
}

/* Called with s locked and empty.  The batch fills the stack from the
 * top down, so frames still leave in the shared list's order (lowest
 * first after boot); only a short last batch needs moving down. */
static void refill(struct hart_stack *s)
{
	int k = BATCH;
	paddr_t pa;
	spin_lock(&shared.lock);
	while (k > 0 && (pa = list_pop()) != 0)
		s->frames[--k] = pa;
	spin_unlock(&shared.lock);
	if (k > 0) /* a short last batch */
		for (int i = k; i < BATCH; i++)
			s->frames[i - k] = s->frames[i];
	s->n = BATCH - k;
}

/* Called with s locked and full. */
static void spill(struct hart_stack *s)
{
	spin_lock(&shared.lock);
	while (s->n > STACK_MAX - BATCH)
		list_push(s->frames[--s->n]);
	spin_unlock(&shared.lock);
}

static struct hart_stack *this_hart_stack(void)
{
	return &stacks[cpu_this()->hart_id];
}

/* Memory is short: any frame another hart holds back. */
__attribute__((noinline)) static paddr_t steal(const struct hart_stack *mine)
{
	for (int i = 0; i < NCPU; i++) {
		struct hart_stack *s = &stacks[i];
		if (s == mine)
			continue;
		spin_lock_unmasked(&s->lock);
		paddr_t pa = s->n ? s->frames[--s->n] : 0;
		spin_unlock_unmasked(&s->lock);
		if (pa)
			return pa;
	}
	return 0;
}

static paddr_t take(void)
{
	struct hart_stack *s = this_hart_stack();
	spin_lock_unmasked(&s->lock);
	if (s->n == 0)
		refill(s);
	paddr_t pa = s->n ? s->frames[--s->n] : 0;
	spin_unlock_unmasked(&s->lock);
	if (!pa)
		pa = steal(s);
	if (pa)
		__atomic_fetch_sub(&nfree, 1, __ATOMIC_RELAXED);
	return pa;
}

/* Injected failures, so that every caller's out-of-memory path can be
 * exercised on demand.  Allocations are counted only while injection is
 * on: the usual case costs two plain loads. */
static int injected_failure(void)
{
	uint64_t every = __atomic_load_n(&fail.every, __ATOMIC_RELAXED);
	uint64_t after = __atomic_load_n(&fail.after, __ATOMIC_RELAXED);
	if (!(every | after))
		return 0;
	uint64_t n = __atomic_add_fetch(&fail.attempts, 1, __ATOMIC_RELAXED);
	if (after && n == after) {
		__atomic_store_n(&fail.after, 0, __ATOMIC_RELAXED);
		return 1;
	}
	return every && n % every == 0;
}

void frame_fail_every(uint64_t n)
{
	__atomic_store_n(&fail.attempts, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&fail.every, n, __ATOMIC_RELAXED);
}

void frame_fail_nth(uint64_t n)
{
	uint64_t now = __atomic_load_n(&fail.attempts, __ATOMIC_RELAXED);
	__atomic_store_n(&fail.after, n ? now + n : 0, __ATOMIC_RELAXED);
}

paddr_t frame_alloc(int flags)
{
	if (injected_failure())
		return 0;
	paddr_t pa = take();
	if (!pa)
		return 0;
	struct frame *f = frame_of(pa, "frame_alloc");
	if (f->refs != 0)
		frame_misuse(pa, "frame_alloc", "a free frame in use");
	__atomic_store_n(&f->refs, 1, __ATOMIC_RELAXED);
	f->flags = 0;
	if (flags & FRAME_ZERO)
		page_zero(pa_to_kva(pa));
	return pa;
}

void frame_free(paddr_t pa)
{
#ifdef KDEBUG
	memset(pa_to_kva(pa), POISON_BYTE, PAGE_SIZE);
#endif
	/* Counted before it can be taken, so the count never dips below 0. */
	__atomic_fetch_add(&nfree, 1, __ATOMIC_RELAXED);
	struct hart_stack *s = this_hart_stack();
	spin_lock_unmasked(&s->lock);
	if (s->n == STACK_MAX)
		spill(s);
	s->frames[s->n++] = pa;
	spin_unlock_unmasked(&s->lock);
}

size_t frame_free_count(void)
{
	return __atomic_load_n(&nfree, __ATOMIC_RELAXED);
}
