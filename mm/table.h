/*
 * Level-0 page tables that fork shares between address spaces, and the
 * rule that keeps that safe: a table with more than one holder is never
 * written, and none of its leaves is writable.  Whoever wants to change an
 * entry asks for the slot through table_slot_for_change, which first makes
 * the table private.  docs/cow.md, "Sharing page tables".
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "mm/space.h"

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
pte_t *table_slot_for_change(struct vm_space *vs, uintptr_t va, int alloc);

/* table_slot_for_change for a caller that has walked to va's level-1
 * entry already (the fault path): entry must point to a level-0 table.
 * (Whether that table is ready as it is, the common case, the fault path
 * asks first, inline: table_holders in mm/fastpath.h.) */
pte_t *table_leaf_for_change(struct vm_space *vs, pte_t *entry, uintptr_t va);

/* The read-only mark (FRAME_TABLE_READONLY) of a level-0 table. */
int table_is_readonly(paddr_t pa);
