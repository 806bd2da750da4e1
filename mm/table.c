/*
 * Shared level-0 tables: write-protecting, unsharing, reusing, unmapping.
 *
 * Why a count of 1 means "mine alone", as for data frames (mm/cow.c): a
 * table gains holders only when a space that holds it forks, and the
 * space asking here is the one running.  Other holders can only let go.
 */
#include "mm/table.h"
#include "mm/sv39.h"

#include "mm/fastpath.h"
#include "mm/tlb.h"
#include "mm/vmstat.h"

/* lab share: begin stub table.c */
/* The mark needs no atomics: only the one space holding a table sets or
 * clears it (a second holder appears only through that space's fork). */
int table_is_readonly(paddr_t pa)
{
	return (frame_of(pa, "table_is_readonly")->flags &
		FRAME_TABLE_READONLY) != 0;
}

static void mark_readonly(paddr_t pa, int on)
{
	struct frame *f = frame_of(pa, "table mark");
	f->flags = on ? f->flags | FRAME_TABLE_READONLY
		      : f->flags & ~FRAME_TABLE_READONLY;
}

int table_write_protect(pte_t *table, int n)
{
	paddr_t pa = kva_to_pa(table);
	int changed = 0;
	if (table_is_readonly(pa))
		return 0;
	for (int i = 0; i < n; i++)
		if (pte_writable(table[i])) {
			table[i] = pte_cow_shared(table[i]);
			changed = 1;
		}
	mark_readonly(pa, 1); /* frame_alloc clears it for the next user */
	return changed;
}

/* Replaces the shared table *entry points to with a private copy: the
 * same 512 entries, one more reference on each frame they map, one
 * reference less on the shared table. */
static pte_t *table_unshare(pte_t *entry)
{
	pte_t *shared = pte_table_of(*entry);
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

/* The table *entry (a level-1 entry) points to, made private: unshared
 * if others hold it, its read-only mark cleared if they are gone.  0 when
 * out of memory. */
static pte_t *table_make_private(pte_t *entry)
{
	paddr_t pa = pte_pa(*entry);
	/* A fresh copy carries no mark: frame_alloc clears the flags. */
	if (__atomic_load_n(&frame_of(pa, "table_make_private")->refs,
			    __ATOMIC_ACQUIRE) > 1)
		return table_unshare(entry);
	if (table_is_readonly(pa)) {
		mark_readonly(pa, 0);
		vmstat_count(VM_TABLE_REUSE);
	}
	return pte_table_of(*entry);
}
/* lab share: end */

pte_t *table_leaf_for_change(struct vm_space *vs, pte_t *entry, uintptr_t va)
{
	int ready;
	table_holders(pte_pa(*entry), &ready);
	pte_t *table = ready ? pte_table_of(*entry) : table_make_private(entry);
	if (!table)
		return 0;
	/* A leaf may appear above the highest one so far (mm/vm.h). */
	if (va >= vs->top)
		vs->top = PAGE_ROUND_DOWN(va) + PAGE_SIZE;
	return &table[(va >> PAGE_SHIFT) & (SV39_ENTRIES - 1)];
}

pte_t *table_slot_for_change(struct vm_space *vs, uintptr_t va, int alloc)
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
