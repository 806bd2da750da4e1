/*
 * Sv39 page tables: three levels of 512 eight-byte entries, each table one
 * frame.  A page table is named by the kernel-virtual address of its root.
 * Mapping never takes a frame reference: the caller hands over the
 * reference it holds to the new PTE.  Unmapping with SV39_DROP_REFS gives
 * the PTE's reference back.  docs/memory.md draws the walk.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "mm/pte.h"

typedef pte_t *pagetable_t;

#define SV39_ENTRIES 512
#define SV39_USER_ENTRIES 256 /* root slots 0..255: the lower (user) half */
#define SV39_LEVEL_SIZE(level) (1UL << (PAGE_SHIFT + 9 * (level)))
#define SV39_MEGAPAGE SV39_LEVEL_SIZE(1) /* 2 MiB */

enum { SV39_KEEP_REFS = 0, SV39_DROP_REFS = 1 };

/* A zeroed table frame, or 0 when memory is exhausted. */
pagetable_t sv39_alloc_table(void);

/* The level-0 PTE slot for va; with alloc, builds missing tables on the
 * way.  0 if a table is missing (and !alloc, or no memory) or if a
 * superpage leaf covers va. */
pte_t *sv39_walk(pagetable_t root, uintptr_t va, int alloc);

/* The entry for va in its table of `level` (2: the root, 0: a leaf's), with
 * the tables above built if alloc; 0 as for sv39_walk. */
pte_t *sv39_slot(pagetable_t root, uintptr_t va, int level, int alloc);

/* The table a non-leaf entry points to. */
static inline pte_t *sv39_table_of(pte_t pte)
{
	return pa_to_kva(pte_pa(pte));
}

/* The level-1 entry for va, or 0 if the root has no table there: the
 * fault path's walk, inline (two loads), since every fault takes it. */
static inline pte_t *sv39_level1_entry(pagetable_t root, uintptr_t va)
{
	pte_t top = root[(va >> (PAGE_SHIFT + 18)) & (SV39_ENTRIES - 1)];
	if (!pte_is_table(top))
		return 0;
	return &sv39_table_of(top)[(va >> (PAGE_SHIFT + 9)) &
				   (SV39_ENTRIES - 1)];
}

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

/* Clears every 4 KiB leaf in [va, va+size), skipping empty subtrees whole.
 * Returns how many leaves it cleared. */
size_t sv39_unmap(pagetable_t root, uintptr_t va, size_t size, int drop_refs);

/* Sets the permission bits of every leaf in [va, va+size); -1 (and no
 * change) if any page in the range is not mapped. */
int sv39_protect(pagetable_t root, uintptr_t va, size_t size, pte_t perm);

/* Where va goes: 0 and *pa, *flags filled in, or -1 if unmapped. */
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
