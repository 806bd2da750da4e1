/*
 * Level-0 page tables that fork shares between address spaces, and the
 * rule that keeps that safe: a table with more than one holder is never
 * written, and none of its leaves is writable.  Whoever wants to change an
 * entry asks for the slot through vm_slot_for_change, which first makes
 * the table private.  docs/cow.md, "Sharing page tables".
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "mm/frame.h"
#include "mm/sv39.h"
#include "mm/vm.h"

/* Makes every writable leaf among the first n entries of a level-0 table
 * (the rest being empty) read-only + COW, once: the table is marked, and
 * a marked table is not scanned again until someone changes it.  Returns
 * 1 if an entry changed (the caller flushes). */
int table_write_protect(pte_t *table, int n);

/* The level-0 slot for va in a table that only vs uses, ready to be
 * changed: a shared table is copied first (unshare), a formerly shared
 * table whose other holders are gone is taken over in place (reuse).  With
 * alloc, missing tables are built.  0 when out of memory, or (without
 * alloc) when nothing is mapped there. */
pte_t *vm_slot_for_change(struct vm_space *vs, uintptr_t va, int alloc);

/* The table *entry (a level-1 entry) points to, made private: unshared
 * if others hold it, its read-only mark cleared if they are gone.  0 when
 * out of memory. */
pte_t *table_make_private(pte_t *entry);

/* vm_slot_for_change for a caller that has walked to va's level-1 entry
 * already (the fault path): entry must point to a level-0 table.  Inline,
 * as every COW break asks, and the table is usually private already. */
__attribute__((always_inline)) static inline pte_t *
table_leaf_for_change(struct vm_space *vs, pte_t *entry, uintptr_t va)
{
	pte_t *table = frame_table_ready_for_change(pte_pa(*entry))
			       ? sv39_table_of(*entry)
			       : table_make_private(entry);
	if (!table)
		return 0;
	/* A leaf may appear above the highest one so far (mm/vm.h). */
	if (va >= vs->top)
		vs->top = PAGE_ROUND_DOWN(va) + PAGE_SIZE;
	return &table[(va >> PAGE_SHIFT) & (SV39_ENTRIES - 1)];
}

/* Unmaps every page in [lo, hi) (page aligned, lo < hi) and drops its
 * reference.  Whole 2 MiB blocks just let go of their table; a partly
 * covered shared table is made private first, which needs memory: -1,
 * with nothing changed, if there is none. */
int vm_unmap(struct vm_space *vs, uintptr_t lo, uintptr_t hi);
