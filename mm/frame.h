/*
 * Physical page frames.  Every frame of RAM the kernel manages has a
 * struct frame with a reference count: the number of page-table entries
 * plus kernel holders that point at it.  A frame is free again when its
 * count drops to zero.  docs/memory.md explains the invariant.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "arch/layout.h"

struct mem_range;

#define FRAME_ZERO 1 /* frame_alloc flag: fill the frame with zeros */

/* Takes over every page of `ram` that lies outside all of `holes`. */
void frame_init(const struct mem_range *ram, int nram,
		const struct mem_range *holes, int nholes);

/* A frame with reference count 1, or 0 when memory is exhausted. */
paddr_t frame_alloc(int flags);

/* The metadata behind frame_of and the inline functions of
 * mm/fastpath.h: the fault path uses them on every page, so a count costs
 * a few instructions, not a call.  Only mm/frame.c and mm/frame_alloc.c
 * change the map or a frame's flags, but for mm/table.c's read-only mark. */
struct frame {
	uint32_t refs;  /* atomic */
	uint32_t flags; /* FRAME_RESERVED, FRAME_TABLE_READONLY */
	uint32_t tally; /* references found by the checker (refcheck.c) */
};
#define FRAME_RESERVED 1 /* never handed out: kernel, firmware, metadata... */
/* A level-0 page table none of whose leaves is writable: fork may share
 * it again without looking at its entries.  Only mm/table.c sets or
 * clears it (the rule for shared tables lives there). */
#define FRAME_TABLE_READONLY 2

extern struct frame_map {
	paddr_t base; /* physical address of frames[0] */
	size_t nframes;
	struct frame *frames;
} frame_map;

/* Panics: pa is no frame of ours, or its count went wrong. */
__attribute__((noreturn)) void frame_misuse(paddr_t pa, const char *who,
					    const char *what);
/* The last reference went: poison (debug builds) and free the frame. */
void frame_free(paddr_t pa);

/* pa's metadata; panics unless pa is a frame this allocator hands out.
 * One unsigned compare checks both ends of the span. */
static inline struct frame *frame_of(paddr_t pa, const char *who)
{
	size_t i = (pa - frame_map.base) / PAGE_SIZE;
	if ((pa & (PAGE_SIZE - 1)) || i >= frame_map.nframes)
		frame_misuse(pa, who, "bad frame address");
	struct frame *f = &frame_map.frames[i];
	if (f->flags & FRAME_RESERVED)
		frame_misuse(pa, who, "not a managed frame");
	return f;
}

/* frame_refcount, frame_ref and frame_unref are inline, for the fault
 * path: mm/fastpath.h. */

/* For frames whose holders only ever add references by copying one they
 * already hold (page tables shared by fork): if the caller's reference is
 * the last, returns 1 and leaves it in place, so the caller can empty the
 * frame before its final frame_unref; otherwise drops it and returns 0. */
int frame_unref_unless_last(paddr_t pa);

/* Is pa a frame this allocator hands out (not firmware, kernel, ...)? */
int frame_is_managed(paddr_t pa);

size_t frame_free_count(void);
size_t frame_managed_count(void);
/* Frames with more than one reference; *tables gets how many of them are
 * level-0 page tables, and *extra their holders beyond the first. */
size_t frame_shared_count(uint64_t *tables, uint64_t *extra);

/* Failure injection: make every n-th allocation fail (0: never), as the
 * failalloc=N boot option does; or only the n-th from now (one shot). */
void frame_fail_every(uint64_t n);
void frame_fail_nth(uint64_t n);

/* The reference checker's tallies (see mm/refcheck.c): reset, count one
 * reference found to pa, and find the first frame with a tally whose
 * reference count differs from it.  Frames with no tally are skipped:
 * they belong to the kernel, not to any page table. */
void frame_tally_reset(void);
uint32_t frame_tally(paddr_t pa); /* the tally so far, this one included */
int frame_tally_mismatch(paddr_t *pa, uint32_t *refs, uint32_t *tally);
