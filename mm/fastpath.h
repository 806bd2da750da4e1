/*
 * The fault path's inline bodies, kept together on purpose.  Every COW
 * fault walks to its level-1 entry, asks whether the level-0 table below
 * may be changed in place, counts the frame's references and drops one;
 * fork and exit take and drop one per page.  As calls these would cost
 * tens of instructions a fault (tools/fault-steps prints the path, inline
 * bodies marked).  Each body is the fast half of something explained
 * where it belongs:
 *
 *   frame_refcount, frame_ref,
 *   frame_unref                  reference counts      mm/frame.h, .c
 *   table_holders                the shared-table rule  mm/table.c
 *   sv39_level1_entry            the walk               mm/sv39.c
 */
#pragma once

#include "mm/frame.h"
#include "mm/pte.h"

static inline uint32_t frame_refcount(paddr_t pa)
{
	return __atomic_load_n(&frame_of(pa, "frame_refcount")->refs,
			       __ATOMIC_RELAXED);
}

/* Adds a reference; returns the count with it (what a trace reports). */
static inline uint32_t frame_ref(paddr_t pa)
{
	struct frame *f = frame_of(pa, "frame_ref");
	uint32_t old = __atomic_fetch_add(&f->refs, 1, __ATOMIC_RELAXED);
	if (old == 0)
		frame_misuse(pa, "frame_ref", "the frame is free");
	return old + 1;
}

/* Drops one reference; frees the frame when none remain.  Returns the
 * references left right after ours went (what a trace reports). */
static inline uint32_t frame_unref(paddr_t pa)
{
	struct frame *f = frame_of(pa, "frame_unref");
	/* acq_rel: whoever frees must see every write made by other
	 * holders before they dropped their references. */
	uint32_t old = __atomic_fetch_sub(&f->refs, 1, __ATOMIC_ACQ_REL);
	if (old == 0)
		frame_misuse(pa, "frame_unref", "double free");
	if (old == 1)
		frame_free(pa);
	return old - 1;
}

/* lab share: begin stub table_holders.c */
/* How many spaces hold this level-0 page table, and (*ready) can it be
 * changed in place as it is: one holder and no read-only mark
 * (mm/table.c)?  One look at the frame answers both, for the fault path,
 * which reports the first and acts on the second.  Acquire: if the other
 * holders just let go, their last reads of the table come before our
 * writes. */
static inline uint32_t table_holders(paddr_t pa, int *ready)
{
	struct frame *f = frame_of(pa, "table_holders");
	uint32_t n = __atomic_load_n(&f->refs, __ATOMIC_ACQUIRE);
	*ready = n == 1 && !(f->flags & FRAME_TABLE_READONLY);
	return n;
}
/* lab share: end */

/* The level-1 entry for va, or 0 if the root has no table there: the
 * fault path's walk (two loads). */
static inline pte_t *sv39_level1_entry(pagetable_t root, uintptr_t va)
{
	pte_t top = root[(va >> (PAGE_SHIFT + 18)) & (SV39_ENTRIES - 1)];
	if (!pte_is_table(top))
		return 0;
	return &pte_table_of(top)[(va >> (PAGE_SHIFT + 9)) &
				   (SV39_ENTRIES - 1)];
}
