/*
 * The write-fault path for shared pages, in two named steps.
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
 */
#include "mm/cow.h"

#include "mm/frame.h"
#include "mm/page.h"
#include "mm/tlb.h"
#include "mm/vm.h"
#include "mm/vmstat.h"

static void cow_reuse(pte_t *pte, uintptr_t va)
{
	*pte = pte_cow_resolved(*pte);
	tlb_flush_page(va);
	vmstat_count(VM_COW_REUSE);
}

static int cow_copy(pte_t *pte, uintptr_t va)
{
	paddr_t old = pte_pa(*pte);
	int from_zero = old == vm_zero_frame();
	paddr_t new = frame_alloc(from_zero ? FRAME_ZERO : 0);
	if (!new)
		return -1;
	if (!from_zero)
		page_copy(pa_to_kva(new), pa_to_kva(old));
	*pte = pte_cow_resolved(pte_with_frame(*pte, new));
	tlb_flush_page(va);
	frame_unref(old);
	vmstat_count(from_zero ? VM_ZERO_FILL : VM_COW_COPY);
	return 0;
}

int cow_break(pte_t *pte, uintptr_t va)
{
	paddr_t pa = pte_pa(*pte);
	vmstat_count(VM_COW_FAULT);
	/* The zero frame always has the kernel's reference too, so it is
	 * never reused: a write to it becomes a fresh zeroed frame. */
	if (pa != vm_zero_frame() && frame_refcount(pa) == 1) {
		cow_reuse(pte, va);
		return 0;
	}
	return cow_copy(pte, va);
}
