/*
 * fork=copy: the fork every system had before copy-on-write.  The child
 * gets a frame of its own for each page the parent maps and all 4,096
 * bytes of it are copied now, whether or not either process ever writes
 * the page again.  Nothing is shared, so no count rises above 1 (but the
 * zero frame's) and no fault follows; the price is paid at fork, in
 * frames and copying, and forkbench shows how it grows with the parent.
 */
#include "mm/copy.h"

#include "arch/panic.h"
#include "mm/fastpath.h"
#include "mm/page.h"
#include "mm/sv39.h"
#include "mm/vm.h"

/* One leaf of the parent: the same page in the child, in a frame of its
 * own.  A COW page (left by a fork in another mode, as the self-tests
 * switch modes) becomes writable in the child, which owns its copy. */
static int copy_leaf(void *ctx, uintptr_t va, pte_t *from)
{
	struct vm_space *dst = ctx;
	pte_t pte = *from;
	pte_t *to = sv39_walk(dst->root, va, 1);
	if (!to)
		return -1;
	paddr_t pa = pte_pa(pte);
	if (pa == vm_zero_frame()) {
		frame_ref(pa);
		*to = pte;
		return 0;
	}
	paddr_t copy = frame_alloc(0);
	if (!copy)
		return -1;
	page_copy(pa_to_kva(copy), pa_to_kva(pa));
	if (pte_is_cow(pte))
		pte = pte_cow_resolved(pte);
	*to = pte_with_frame(pte, copy);
	return 0;
}

int copy_space(struct vm_space *src, struct vm_space *dst)
{
	if (dst->top)
		panic("copy_space: destination space is not empty");
	if (sv39_for_each_leaf(src->root, 0, src->top, copy_leaf, dst)) {
		sv39_clear_user(dst->root);
		return -1;
	}
	dst->zero_lo = src->zero_lo;
	dst->zero_hi = src->zero_hi;
	dst->top = src->top;
	return 0;
}
