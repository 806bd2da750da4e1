/*
 * Physical page frames.  Every frame of RAM the kernel manages has a
 * struct frame with a reference count: the number of page-table entries
 * plus kernel holders that point at it.  A frame returns to the free list
 * when its count drops to zero.  docs/memory.md explains the invariant.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "mm/layout.h"

struct mem_range;

#define FRAME_ZERO 1 /* frame_alloc flag: fill the frame with zeros */

/* Takes over every page of `ram` that lies outside all of `holes`. */
void frame_init(const struct mem_range *ram, int nram,
		const struct mem_range *holes, int nholes);

/* A frame with reference count 1, or 0 when memory is exhausted. */
paddr_t frame_alloc(int flags);

void frame_ref(paddr_t pa);
/* Drops one reference; frees the frame when none remain. */
void frame_unref(paddr_t pa);
uint32_t frame_refcount(paddr_t pa);
/* For frames whose holders only ever add references by copying one they
 * already hold (page tables shared by fork): if the caller's reference is
 * the last, returns 1 and leaves it in place, so the caller can empty the
 * frame before its final frame_unref; otherwise drops it and returns 0. */
int frame_unref_unless_last(paddr_t pa);

/* For a level-0 page table about to be changed (mm/table.c), in one look
 * at its metadata: 1 if other spaces hold it too (it must be copied);
 * else 0, having cleared its read-only mark (*was_readonly: it had one). */
int frame_table_prepare_change(paddr_t pa, int *was_readonly);

/* The read-only mark of a level-0 page table (mm/table.c). */
int frame_table_readonly(paddr_t pa);
void frame_mark_table_readonly(paddr_t pa); /* frame_alloc clears it */

/* Is pa a frame this allocator hands out (not firmware, kernel, ...)? */
int frame_is_managed(paddr_t pa);

size_t frame_free_count(void);
size_t frame_managed_count(void);
/* Frames with more than one reference; *tables gets how many of them are
 * level-0 page tables. */
size_t frame_shared_count(uint64_t *tables);

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
