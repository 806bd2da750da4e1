/*
 * User address spaces: making, replacing and destroying them, mapping
 * fresh memory and unmapping it.  Every change to a leaf goes through
 * table_slot_for_change (mm/table.c), so a level-0 table fork shares is
 * made private before anything in it changes.  How fork shares a space is
 * mm/share.c; how a fault resolves, mm/fault.c.
 */
#include "mm/vm.h"

#include "arch/panic.h"
#include "lib/string.h"
#include "mm/fastpath.h"
#include "mm/kvm.h"
#include "mm/table.h"
#include "mm/tlb.h"

paddr_t vm_zero_pa;

void vm_init(void)
{
	/* The kernel's own reference keeps it alive whoever maps it. */
	vm_zero_pa = frame_alloc(FRAME_ZERO);
	if (!vm_zero_pa)
		panic("vm_init: no memory for the zero frame");
}

int vm_space_create(struct vm_space *vs)
{
	*vs = (struct vm_space){ .root = kvm_new_root(), .last_hart = -1 };
	return vs->root ? 0 : -1;
}

void vm_space_destroy(struct vm_space *vs)
{
	if (vs->root)
		sv39_destroy(vs->root);
	*vs = (struct vm_space){ 0 };
}

void vm_space_replace(struct vm_space *vs, struct vm_space *with)
{
	sv39_clear_user(vs->root);
	memcpy(vs->root, with->root, SV39_USER_ENTRIES * sizeof(pte_t));
	memset(with->root, 0, SV39_USER_ENTRIES * sizeof(pte_t));
	frame_unref(kva_to_pa(with->root));
	with->root = vs->root;
	*vs = *with; /* with's ASID fields say "none yet" */
	*with = (struct vm_space){ 0 };
}

int vm_alloc_range(struct vm_space *vs, uintptr_t lo, uintptr_t hi,
		   pte_t perm)
{
	for (uintptr_t va = lo; va < hi; va += PAGE_SIZE) {
		paddr_t pa = frame_alloc(FRAME_ZERO);
		pte_t *slot = pa ? table_slot_for_change(vs, va, 1) : 0;
		if (!slot) {
			if (pa)
				frame_unref(pa);
			/* What this call mapped lies in tables it made
			 * private, so undoing it needs no memory. */
			if (va > lo)
				vm_unmap(vs, lo, va);
			return -1;
		}
		if (pte_valid(*slot))
			panic("vm_alloc_range: va 0x%lx is already mapped", va);
		*slot = pte_leaf(pa, perm);
	}
	return 0;
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
	return table_slot_for_change(vs, va, 0) != 0;
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
			pte_t *table = pte_table_of(*entry);
			*entry = 0;
			tlb_flush_user();
			sv39_free_table(table, 0);
			continue;
		}
		uintptr_t from = block > lo ? block : lo;
		uintptr_t end = block + SV39_MEGAPAGE;
		uintptr_t to = hi - block < SV39_MEGAPAGE ? hi : end;
		clear_leaves(table_slot_for_change(vs, from, 0), from, to);
	}
	return 0;
}

int vm_check_refs(struct vm_space *const *spaces, int n, const paddr_t *held,
		  int nheld, struct refcheck_mismatch *m)
{
	refcheck_begin();
	refcheck_add_holder(vm_zero_pa);
	for (int i = 0; i < nheld; i++)
		refcheck_add_holder(held[i]);
	for (int i = 0; i < n; i++)
		refcheck_add_space(spaces[i]->root);
	return refcheck_verify(m);
}
