/*
 * The frame allocator: a metadata array with one struct frame per page of
 * the RAM span; mm/frame_alloc.c hands the free frames out.
 * Counts are atomic so that frame_ref/frame_unref need no lock.  Misuse
 * (double free, a reference to a free frame, an address we do not
 * manage) panics with the address.
 */
#include "mm/frame.h"

#include "arch/machine.h"
#include "arch/panic.h"
#include "mm/frame_pool.h"
#include "mm/page.h"

struct frame_map frame_map;

static size_t nmanaged;

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
	return !(pa & (PAGE_SIZE - 1)) &&
	       (pa - frame_map.base) / PAGE_SIZE < frame_map.nframes;
}

/* Metadata for pa, managed or not; panics on an address outside the span. */
static struct frame *frame_meta(paddr_t pa, const char *who)
{
	if (!in_span(pa))
		frame_misuse(pa, who, "bad frame address");
	return &frame_map.frames[(pa - frame_map.base) / PAGE_SIZE];
}

void frame_misuse(paddr_t pa, const char *who, const char *what)
{
	panic("%s: %s 0x%lx", who, what, (unsigned long)pa);
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
	frame_map.base = PAGE_ROUND_UP(lo);
	frame_map.nframes = hi > frame_map.base ? (PAGE_ROUND_DOWN(hi) - frame_map.base) / PAGE_SIZE : 0;
}

void frame_init(const struct mem_range *ram, int nram,
		const struct mem_range *holes, int nholes)
{
	span_of(ram, nram);
	size_t bytes = PAGE_ROUND_UP(frame_map.nframes * sizeof(struct frame));
	paddr_t meta = place_metadata(ram, nram, holes, nholes, bytes);
	frame_map.frames = pa_to_kva(meta);
	nmanaged = 0;
	frame_pool_init();
	for (size_t i = 0; i < frame_map.nframes; i++)
		frame_map.frames[i] = (struct frame){ .flags = FRAME_RESERVED };
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
			nmanaged++;
			frame_pool_add(pa);
		}
	}
}

int frame_unref_unless_last(paddr_t pa)
{
	struct frame *f = frame_of(pa, "frame_unref_unless_last");
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

int frame_is_managed(paddr_t pa)
{
	return in_span(pa) &&
	       !(frame_map.frames[(pa - frame_map.base) / PAGE_SIZE].flags & FRAME_RESERVED);
}

size_t frame_managed_count(void)
{
	return nmanaged;
}

size_t frame_shared_count(uint64_t *tables, uint64_t *extra)
{
	size_t n = 0;
	*tables = *extra = 0;
	for (size_t i = 0; i < frame_map.nframes; i++) {
		struct frame *f = &frame_map.frames[i];
		if (__atomic_load_n(&f->refs, __ATOMIC_RELAXED) <= 1)
			continue;
		n++;
		/* A shared table always carries the read-only mark. */
		if (f->flags & FRAME_TABLE_READONLY) {
			(*tables)++;
			*extra += __atomic_load_n(&f->refs, __ATOMIC_RELAXED) - 1;
		}
	}
	return n;
}

void frame_tally_reset(void)
{
	for (size_t i = 0; i < frame_map.nframes; i++)
		frame_map.frames[i].tally = 0;
}

uint32_t frame_tally(paddr_t pa)
{
	return ++frame_meta(pa, "frame_tally")->tally;
}

int frame_tally_mismatch(paddr_t *pa, uint32_t *refs, uint32_t *tally)
{
	for (size_t i = 0; i < frame_map.nframes; i++) {
		struct frame *f = &frame_map.frames[i];
		uint32_t r = __atomic_load_n(&f->refs, __ATOMIC_RELAXED);
		if (f->tally == 0 || r == f->tally)
			continue;
		*pa = frame_map.base + i * PAGE_SIZE;
		*refs = r;
		*tally = f->tally;
		return 1;
	}
	return 0;
}
