/*
 * Shared level-0 tables: write-protecting, unsharing, reusing, unmapping.
 *
 * Why a count of 1 means "mine alone", as for data frames (mm/cow.c): a
 * table gains holders only when a space that holds it forks, and the
 * space asking here is the one running.  Other holders can only let go.
 */
#include "mm/table.h"

#include "mm/frame.h"
#include "mm/tlb.h"
#include "mm/vmstat.h"

int table_write_protect(pte_t *table, int n)
{
	paddr_t pa = kva_to_pa(table);
	int changed = 0;
	if (frame_table_readonly(pa))
		return 0;
	for (int i = 0; i < n; i++)
		if (pte_writable(table[i])) {
			table[i] = pte_cow_shared(table[i]);
			changed = 1;
		}
	frame_mark_table_readonly(pa);
	return changed;
}

/* Replaces the shared table *entry points to with a private copy: the
 * same 512 entries, one more reference on each frame they map, one
 * reference less on the shared table. */
static pte_t *table_unshare(pte_t *entry)
{
	pte_t *shared = sv39_table_of(*entry);
	pte_t *copy = sv39_alloc_table();
	if (!copy)
		return 0;
	for (int i = 0; i < SV39_ENTRIES; i++) {
		copy[i] = shared[i];
		if (pte_valid(copy[i]))
			frame_ref(pte_pa(copy[i]));
	}
	*entry = pte_table(kva_to_pa(copy));
	/* The walker may have cached the old table for any page of the
	 * block; the old table is someone else's to change from now on. */
	tlb_flush_user();
	sv39_free_table(shared, 0); /* the last holder frees it, maybe us */
	vmstat_count(VM_TABLE_UNSHARE);
	return copy;
}

pte_t *table_make_private(pte_t *entry)
{
	paddr_t pa = pte_pa(*entry);
	/* A fresh copy carries no mark: frame_alloc clears the flags. */
	if (__atomic_load_n(&frame_of(pa, "table_make_private")->refs,
			    __ATOMIC_ACQUIRE) > 1)
		return table_unshare(entry);
	if (frame_table_readonly(pa)) {
		frame_clear_table_readonly(pa);
		vmstat_count(VM_TABLE_REUSE);
	}
	return sv39_table_of(*entry);
}

pte_t *vm_slot_for_change(struct vm_space *vs, uintptr_t va, int alloc)
{
	pte_t *entry = sv39_slot(vs->root, va, 1, alloc);
	if (!entry)
		return 0;
	if (!pte_valid(*entry)) {
		pte_t *table = alloc ? sv39_alloc_table() : 0;
		if (!table)
			return 0;
		*entry = pte_table(kva_to_pa(table));
	}
	return table_leaf_for_change(vs, entry, va);
}

/* Clears the leaves of [lo, hi) inside one private level-0 table. */
static void clear_leaves(pte_t *slot, uintptr_t lo, uintptr_t hi)
{
	for (uintptr_t va = lo; va < hi; va += PAGE_SIZE, slot++) {
		if (!pte_valid(*slot))
			continue;
		paddr_t pa = pte_pa(*slot);
		*slot = 0;
		tlb_flush_page(va);
		frame_unref(pa);
	}
}

static int covers_block(uintptr_t lo, uintptr_t hi, uintptr_t block)
{
	return lo <= block && hi - block >= SV39_MEGAPAGE;
}

/* Makes the table of va's block private if [lo, hi) covers only part of
 * it; 0 when that needed memory there was none of. */
static int own_partial_block(struct vm_space *vs, uintptr_t lo, uintptr_t hi,
			     uintptr_t va)
{
	uintptr_t block = va & ~(SV39_MEGAPAGE - 1);
	pte_t *entry = sv39_slot(vs->root, block, 1, 0);
	if (covers_block(lo, hi, block) || !entry || !pte_valid(*entry))
		return 1;
	return vm_slot_for_change(vs, va, 0) != 0;
}

int vm_unmap(struct vm_space *vs, uintptr_t lo, uintptr_t hi)
{
	/* Nothing lies above top: a lazily grown heap that is given back
	 * unused costs nothing, however large. */
	if (hi > vs->top)
		hi = vs->top;
	if (lo >= hi)
		return 0;
	/* Only the blocks at either end can be partly covered, and only
	 * they may need memory (to unshare): first them, so that a failure
	 * changes nothing. */
	if (!own_partial_block(vs, lo, hi, lo) ||
	    !own_partial_block(vs, lo, hi, hi - 1))
		return -1;
	for (uintptr_t block = lo & ~(SV39_MEGAPAGE - 1); block < hi;
	     block += SV39_MEGAPAGE) {
		pte_t *entry = sv39_slot(vs->root, block, 1, 0);
		if (!entry || !pte_valid(*entry))
			continue;
		if (covers_block(lo, hi, block)) {
			/* The whole block: let go of its table. */
			pte_t *table = sv39_table_of(*entry);
			*entry = 0;
			tlb_flush_user();
			sv39_free_table(table, 0);
			continue;
		}
		uintptr_t from = block > lo ? block : lo;
		uintptr_t to = hi - block < SV39_MEGAPAGE ? hi
							  : block + SV39_MEGAPAGE;
		clear_leaves(vm_slot_for_change(vs, from, 0), from, to);
	}
	return 0;
}
