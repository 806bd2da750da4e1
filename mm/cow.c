/*
 * The write-fault path for shared pages, in two named steps.
 * lab cow: begin stub cow-header.c
 *
 * Reuse: when the faulting PTE holds the frame's only reference, nobody
 * else can see the frame, so writing to it in place is safe: no copy, no
 * allocation, just the W bit back.  This is the common case after fork +
 * exec (the parent's pages fall back to one reference when the child's
 * exec drops its share), and it is why the decision is made on the
 * reference count and not on "was this page ever shared".
 *
 * Copy: otherwise, copy the frame into a new one, point the PTE at it and
 * drop our reference to the old frame.  The PTE changes before the old
 * reference is dropped, so the old frame cannot be freed and reused while
 * this address space still maps it.
 *
 * Why a count of 1 cannot race: only a process's own fork adds references
 * to the frames it maps, and that process is the one faulting here.  Other
 * sharers can only drop theirs, which makes a copy unnecessary, never
 * wrong.
 * lab cow: end
 */
#include "mm/cow.h"

#include "mm/fastpath.h"
#include "mm/page.h"
#include "mm/tlb.h"
#include "mm/vm.h"

/* lab cow: begin */
static enum fault_outcome cow_reuse(pte_t *pte, pte_t old, uintptr_t va,
				    struct fault_report *r)
{
	*pte = pte_cow_resolved(old);
	tlb_flush_page(va);
	r->frame_after = r->frame_before;
	return FAULT_COW_REUSE;
}

static enum fault_outcome cow_copy(pte_t *pte, pte_t old, uintptr_t va,
				   struct fault_report *r)
{
	paddr_t from = pte_pa(old), to = frame_alloc(0);
	if (!to) {
		r->frame_after = 0;
		return FAULT_NO_MEMORY;
	}
	page_copy(pa_to_kva(to), pa_to_kva(from));
	*pte = pte_cow_resolved(pte_with_frame(old, to));
	tlb_flush_page(va);
	r->frame_after = to;
	r->refs_after = frame_unref(from);
	return FAULT_COW_COPY;
}
/* lab cow: end */

/* lab lazy: begin */
/* The zero frame always has the kernel's reference too, so it is never
 * reused: a write to it becomes a fresh zeroed frame (no copy needed). */
static enum fault_outcome cow_zero_fill(pte_t *pte, pte_t old, uintptr_t va,
					struct fault_report *r)
{
	paddr_t to = frame_alloc(FRAME_ZERO);
	if (!to) {
		r->frame_after = 0;
		return FAULT_NO_MEMORY;
	}
	*pte = pte_cow_resolved(pte_with_frame(old, to));
	tlb_flush_page(va);
	r->frame_after = to;
	r->refs_after = frame_unref(vm_zero_frame());
	return FAULT_COW_ZERO;
}
/* lab lazy: end */

enum fault_outcome cow_break(pte_t *pte, uintptr_t va, struct fault_report *r)
{
	/* lab cow: begin stub cow_break.c */
	pte_t old = *pte;
	paddr_t pa = pte_pa(old);
	r->frame_before = pa;
	r->refs_before = r->refs_after = frame_refcount(pa);
	/* lab lazy: begin stub cow_break_zero.c */
	if (pa == vm_zero_frame())
		return cow_zero_fill(pte, old, va, r);
	/* lab lazy: end */
	if (r->refs_before == 1)
		return cow_reuse(pte, old, va, r);
	return cow_copy(pte, old, va, r);
	/* lab cow: end */
}
