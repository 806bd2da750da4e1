/*
 * The frame allocator: a metadata array with one struct frame per page of
 * the RAM span, and a free list threaded through the free frames
 * themselves.  Counts are atomic so that frame_ref/frame_unref need no
 * lock; only the free list does.  Misuse (double free, a reference to a
 * free frame, an address we do not manage) panics with the address.
 */
#include "mm/frame.h"

#include "arch/machine.h"
#include "arch/spinlock.h"
#include "kernel/panic.h"
#include "lib/string.h"
#include "mm/page.h"

#define FRAME_RESERVED 1 /* never handed out: kernel, firmware, metadata... */
/* A level-0 page table none of whose leaves is writable (mm/table.c):
 * fork may share it again without looking at its entries. */
#define FRAME_TABLE_READONLY 2
#define POISON_BYTE 0x5a

struct frame {
	uint32_t refs;
	uint32_t flags;
	uint32_t tally; /* references found by the checker (refcheck.c) */
};

static struct {
	struct spinlock lock; /* protects free_head and nfree */
	paddr_t free_head;    /* 0 = empty; next pointer in each free frame */
	size_t nfree;
	size_t nmanaged;
	paddr_t base;         /* physical address of frames[0] */
	size_t nframes;
	struct frame *frames;
	uint64_t fail_every;  /* failalloc: fail each fail_every-th allocation */
	uint64_t fail_after;  /* one-shot: fail the fail_after-th from now */
	uint64_t attempts;
} fa = { .lock = SPINLOCK_INIT("frame") };

static int overlaps(paddr_t a, paddr_t a_end, paddr_t b, paddr_t b_end)
{
	return a < b_end && b < a_end;
}

static int in_any(paddr_t pa, paddr_t end, const struct mem_range *r, int n)
{
	for (int i = 0; i < n; i++)
		if (overlaps(pa, end, r[i].base, r[i].base + r[i].size))
			return 1;
	return 0;
}

/* Is pa the start of a page inside the RAM span? */
static int in_span(paddr_t pa)
{
	return !(pa & (PAGE_SIZE - 1)) && pa >= fa.base &&
	       (pa - fa.base) / PAGE_SIZE < fa.nframes;
}

/* Metadata for pa; panics on an address outside the span. */
static struct frame *frame_meta(paddr_t pa, const char *who)
{
	if (!in_span(pa))
		panic("%s: bad frame address 0x%lx", who, (unsigned long)pa);
	return &fa.frames[(pa - fa.base) / PAGE_SIZE];
}

static void free_list_push(paddr_t pa)
{
	spin_lock(&fa.lock);
	*(paddr_t *)pa_to_kva(pa) = fa.free_head;
	fa.free_head = pa;
	fa.nfree++;
	spin_unlock(&fa.lock);
}

static paddr_t free_list_pop(void)
{
	spin_lock(&fa.lock);
	paddr_t pa = fa.free_head;
	if (pa) {
		fa.free_head = *(paddr_t *)pa_to_kva(pa);
		fa.nfree--;
	}
	spin_unlock(&fa.lock);
	return pa;
}

/* Finds room for the metadata array: the first run of pages inside RAM
 * and outside every hole. */
static paddr_t place_metadata(const struct mem_range *ram, int nram,
			      const struct mem_range *holes, int nholes,
			      size_t bytes)
{
	for (int i = 0; i < nram; i++) {
		paddr_t pa = PAGE_ROUND_UP(ram[i].base);
		paddr_t end = PAGE_ROUND_DOWN(ram[i].base + ram[i].size);
		for (; pa + bytes <= end; pa += PAGE_SIZE)
			if (!in_any(pa, pa + bytes, holes, nholes))
				return pa;
	}
	panic("frame_init: no room for %lu bytes of frame metadata",
	      (unsigned long)bytes);
}

static void span_of(const struct mem_range *ram, int nram)
{
	paddr_t lo = ~0UL, hi = 0;
	for (int i = 0; i < nram; i++) {
		if (ram[i].base < lo)
			lo = ram[i].base;
		if (ram[i].base + ram[i].size > hi)
			hi = ram[i].base + ram[i].size;
	}
	fa.base = PAGE_ROUND_UP(lo);
	fa.nframes = hi > fa.base ? (PAGE_ROUND_DOWN(hi) - fa.base) / PAGE_SIZE : 0;
}

void frame_init(const struct mem_range *ram, int nram,
		const struct mem_range *holes, int nholes)
{
	span_of(ram, nram);
	size_t bytes = PAGE_ROUND_UP(fa.nframes * sizeof(struct frame));
	paddr_t meta = place_metadata(ram, nram, holes, nholes, bytes);
	fa.frames = pa_to_kva(meta);
	fa.free_head = 0;
	fa.nfree = fa.nmanaged = 0;
	for (size_t i = 0; i < fa.nframes; i++)
		fa.frames[i] = (struct frame){ .flags = FRAME_RESERVED };
	/* Push from the top down so the lowest frames are handed out first. */
	for (int r = nram - 1; r >= 0; r--) {
		paddr_t lo = PAGE_ROUND_UP(ram[r].base);
		paddr_t pa = PAGE_ROUND_DOWN(ram[r].base + ram[r].size);
		while (pa > lo) {
			pa -= PAGE_SIZE;
			if (in_any(pa, pa + PAGE_SIZE, holes, nholes) ||
			    overlaps(pa, pa + PAGE_SIZE, meta, meta + bytes))
				continue;
			frame_meta(pa, "frame_init")->flags = 0;
			fa.nmanaged++;
			free_list_push(pa);
		}
	}
}

/* Injected failures, so that every caller's out-of-memory path can be
 * exercised on demand. */
static int injected_failure(void)
{
	uint64_t n = __atomic_add_fetch(&fa.attempts, 1, __ATOMIC_RELAXED);
	uint64_t every = __atomic_load_n(&fa.fail_every, __ATOMIC_RELAXED);
	uint64_t after = __atomic_load_n(&fa.fail_after, __ATOMIC_RELAXED);
	if (after && n == after) {
		__atomic_store_n(&fa.fail_after, 0, __ATOMIC_RELAXED);
		return 1;
	}
	return every && n % every == 0;
}

void frame_fail_every(uint64_t n)
{
	__atomic_store_n(&fa.attempts, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&fa.fail_every, n, __ATOMIC_RELAXED);
}

void frame_fail_nth(uint64_t n)
{
	uint64_t now = __atomic_load_n(&fa.attempts, __ATOMIC_RELAXED);
	__atomic_store_n(&fa.fail_after, n ? now + n : 0, __ATOMIC_RELAXED);
}

paddr_t frame_alloc(int flags)
{
	if (injected_failure())
		return 0;
	paddr_t pa = free_list_pop();
	if (!pa)
		return 0;
	struct frame *f = frame_meta(pa, "frame_alloc");
	if (f->refs != 0 || (f->flags & FRAME_RESERVED))
		panic("frame_alloc: free frame 0x%lx is in use", (unsigned long)pa);
	__atomic_store_n(&f->refs, 1, __ATOMIC_RELAXED);
	f->flags = 0;
	if (flags & FRAME_ZERO)
		page_zero(pa_to_kva(pa));
	return pa;
}

static struct frame *managed_meta(paddr_t pa, const char *who)
{
	struct frame *f = frame_meta(pa, who);
	if (f->flags & FRAME_RESERVED)
		panic("%s: 0x%lx is not a managed frame", who, (unsigned long)pa);
	return f;
}

void frame_ref(paddr_t pa)
{
	struct frame *f = managed_meta(pa, "frame_ref");
	if (__atomic_fetch_add(&f->refs, 1, __ATOMIC_RELAXED) == 0)
		panic("frame_ref: 0x%lx is free", (unsigned long)pa);
}

void frame_unref(paddr_t pa)
{
	struct frame *f = managed_meta(pa, "frame_unref");
	/* acq_rel: whoever frees must see every write made by other holders
	 * before they dropped their references. */
	uint32_t old = __atomic_fetch_sub(&f->refs, 1, __ATOMIC_ACQ_REL);
	if (old == 0)
		panic("frame_unref: double free of 0x%lx", (unsigned long)pa);
	if (old > 1)
		return;
#ifdef KDEBUG
	memset(pa_to_kva(pa), POISON_BYTE, PAGE_SIZE);
#endif
	free_list_push(pa);
}

int frame_unref_unless_last(paddr_t pa)
{
	struct frame *f = managed_meta(pa, "frame_unref_unless_last");
	uint32_t refs = __atomic_load_n(&f->refs, __ATOMIC_ACQUIRE);
	do {
		if (refs == 1)
			return 1; /* no other holder can appear: see frame.h */
		if (refs == 0)
			panic("frame_unref_unless_last: 0x%lx is free",
			      (unsigned long)pa);
	} while (!__atomic_compare_exchange_n(&f->refs, &refs, refs - 1, 0,
					      __ATOMIC_ACQ_REL,
					      __ATOMIC_ACQUIRE));
	return 0;
}

int frame_table_prepare_change(paddr_t pa, int *was_readonly)
{
	struct frame *f = managed_meta(pa, "frame_table_prepare_change");
	if (__atomic_load_n(&f->refs, __ATOMIC_ACQUIRE) > 1)
		return 1;
	*was_readonly = (f->flags & FRAME_TABLE_READONLY) != 0;
	f->flags &= ~FRAME_TABLE_READONLY;
	return 0;
}

int frame_table_readonly(paddr_t pa)
{
	return (managed_meta(pa, "frame_table_readonly")->flags &
		FRAME_TABLE_READONLY) != 0;
}

void frame_mark_table_readonly(paddr_t pa)
{
	managed_meta(pa, "frame_mark_table_readonly")->flags |=
		FRAME_TABLE_READONLY;
}

uint32_t frame_refcount(paddr_t pa)
{
	return __atomic_load_n(&managed_meta(pa, "frame_refcount")->refs,
			       __ATOMIC_RELAXED);
}

int frame_is_managed(paddr_t pa)
{
	return in_span(pa) &&
	       !(fa.frames[(pa - fa.base) / PAGE_SIZE].flags & FRAME_RESERVED);
}

size_t frame_free_count(void)
{
	return __atomic_load_n(&fa.nfree, __ATOMIC_RELAXED);
}

size_t frame_managed_count(void)
{
	return fa.nmanaged;
}

size_t frame_shared_count(uint64_t *tables)
{
	size_t n = 0;
	*tables = 0;
	for (size_t i = 0; i < fa.nframes; i++) {
		struct frame *f = &fa.frames[i];
		if (__atomic_load_n(&f->refs, __ATOMIC_RELAXED) <= 1)
			continue;
		n++;
		/* A shared table always carries the read-only mark. */
		*tables += (f->flags & FRAME_TABLE_READONLY) != 0;
	}
	return n;
}

void frame_tally_reset(void)
{
	for (size_t i = 0; i < fa.nframes; i++)
		fa.frames[i].tally = 0;
}

uint32_t frame_tally(paddr_t pa)
{
	return ++frame_meta(pa, "frame_tally")->tally;
}

int frame_tally_mismatch(paddr_t *pa, uint32_t *refs, uint32_t *tally)
{
	for (size_t i = 0; i < fa.nframes; i++) {
		struct frame *f = &fa.frames[i];
		uint32_t r = __atomic_load_n(&f->refs, __ATOMIC_RELAXED);
		if (f->tally == 0 || r == f->tally)
			continue;
		*pa = fa.base + i * PAGE_SIZE;
		*refs = r;
		*tally = f->tally;
		return 1;
	}
	return 0;
}
