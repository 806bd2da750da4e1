/*
 * Address spaces and copy-on-write sharing.  fork touches page-table
 * entries and reference counts only, never frame contents: the cost is
 * proportional to the mapped pages' PTEs, and the copying happens later,
 * one page per write fault, only for pages someone actually writes.
 */
#include "mm/vm.h"

#include "kernel/panic.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/kvm.h"
#include "mm/table.h"

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
		pte_t *slot = pa ? vm_slot_for_change(vs, va, 1) : 0;
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
