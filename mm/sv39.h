/*
 * Sv39 page tables: three levels of 512 eight-byte entries, each table one
 * frame.  A page table is named by the kernel-virtual address of its root.
 * Mapping never takes a frame reference: the caller hands over the
 * reference it holds to the new PTE; freeing a table gives the PTEs'
 * references back.  docs/memory.md draws the walk.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "mm/pte.h"

/* pagetable_t, SV39_ENTRIES and the level sizes are the format's, in
 * mm/pte.h. */


/* A zeroed table frame, or 0 when memory is exhausted. */
pagetable_t sv39_alloc_table(void);

/* The level-0 PTE slot for va; with alloc, builds missing tables on the
 * way.  0 if a table is missing (and !alloc, or no memory) or if a
 * superpage leaf covers va. */
pte_t *sv39_walk(pagetable_t root, uintptr_t va, int alloc);

/* The entry for va in its table of `level` (2: the root, 0: a leaf's), with
 * the tables above built if alloc; 0 as for sv39_walk. */
pte_t *sv39_slot(pagetable_t root, uintptr_t va, int level, int alloc);

/* sv39_level1_entry, the fault path's walk, is inline: mm/fastpath.h. */

/* Maps [va, va+size) to [pa, pa+size) with 4 KiB leaves.  Returns 0, or -1
 * when a table cannot be allocated (what this call mapped is undone).
 * Mapping over a valid PTE is a kernel bug and panics. */
int sv39_map(pagetable_t root, uintptr_t va, paddr_t pa, size_t size,
	     pte_t perm);

/* As sv39_map, but uses 2 MiB leaves wherever alignment allows. */
int sv39_map_large(pagetable_t root, uintptr_t va, paddr_t pa, size_t size,
		   pte_t perm);

/* Calls visit(ctx, va, pte) for every valid 4 KiB leaf in [lo, hi), in
 * address order, skipping absent subtrees whole.  A non-zero return from
 * visit stops the walk and is returned. */
typedef int (*sv39_leaf_fn)(void *ctx, uintptr_t va, pte_t *pte);
int sv39_for_each_leaf(pagetable_t root, uintptr_t lo, uintptr_t hi,
		       sv39_leaf_fn visit, void *ctx);

/* Where va goes: 0 and *pa, *flags filled in, or -1 if unmapped.  The
 * kernel itself always walks (sv39_walk, the fault path's inline walk);
 * this is for the self-tests, which check the image's permissions. */
int sv39_translate(pagetable_t root, uintptr_t va, paddr_t *pa, pte_t *flags);

/* Gives up one reference to a table of `level`; the last holder drops
 * the references of everything below it and frees it.  (Only level-0
 * tables ever have more than one holder: fork shares them, mm/share.c.) */
void sv39_free_table(pte_t *table, int level);

/* Empties the lower half of the tree: drops every leaf's reference and
 * frees every table page below the root.  The upper half is the kernel's
 * and is shared, so it is left alone. */
void sv39_clear_user(pagetable_t root);

/* sv39_clear_user, then frees the root itself. */
void sv39_destroy(pagetable_t root);
