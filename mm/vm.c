/*
 * Address spaces and copy-on-write sharing.  fork touches page-table
 * entries and reference counts only, never frame contents: the cost is
 * proportional to the mapped pages' PTEs, and the copying happens later,
 * one page per write fault, only for pages someone actually writes.
 */
#include "mm/vm.h"

#include "kernel/panic.h"
#include "mm/frame.h"
#include "mm/kvm.h"
#include "mm/tlb.h"

static paddr_t zero_frame;

void vm_init(void)
{
	/* The kernel's own reference keeps it alive whoever maps it. */
	zero_frame = frame_alloc(FRAME_ZERO);
	if (!zero_frame)
		panic("vm_init: no memory for the zero frame");
}

paddr_t vm_zero_frame(void)
{
	return zero_frame;
}

int vm_space_create(struct vm_space *vs)
{
	*vs = (struct vm_space){ .root = kvm_new_root() };
	return vs->root ? 0 : -1;
}

void vm_space_destroy(struct vm_space *vs)
{
	if (vs->root)
		sv39_destroy(vs->root);
	*vs = (struct vm_space){ 0 };
}

int vm_alloc_range(struct vm_space *vs, uintptr_t lo, uintptr_t hi,
		   pte_t perm)
{
	for (uintptr_t va = lo; va < hi; va += PAGE_SIZE) {
		paddr_t pa = frame_alloc(FRAME_ZERO);
		if (!pa || sv39_map(vs->root, va, pa, PAGE_SIZE, perm)) {
			if (pa)
				frame_unref(pa);
			sv39_unmap(vs->root, lo, va - lo, SV39_DROP_REFS);
			return -1;
		}
	}
	return 0;
}

struct share_state {
	struct vm_space *dst;
	pte_t *table;      /* dst's level-0 table for the 2 MiB block ... */
	uintptr_t block;   /* ... that starts here (1: none yet) */
};

/* dst's slot for va; consecutive pages reuse the level-0 table found for
 * the previous one instead of walking from the root again. */
static pte_t *dst_slot(struct share_state *s, uintptr_t va)
{
	uintptr_t block = va & ~(SV39_MEGAPAGE - 1);
	if (block != s->block) {
		pte_t *slot = sv39_walk(s->dst->root, block, 1);
		if (!slot)
			return 0;
		s->table = slot;
		s->block = block;
	}
	return &s->table[(va - block) / PAGE_SIZE];
}

/* Pass 1: give dst the shared form of each src leaf, one reference each. */
static int share_into_dst(void *ctx, uintptr_t va, pte_t *pte)
{
	pte_t shared = pte_is_logically_writable(*pte) ? pte_cow_shared(*pte)
						       : *pte;
	pte_t *slot = dst_slot(ctx, va);
	if (!slot)
		return -1;
	if (pte_valid(*slot))
		panic("vm_share_cow: va 0x%lx already mapped in dst", va);
	*slot = shared;
	frame_ref(pte_pa(shared));
	return 0;
}

struct protect_state {
	size_t changed;
};

/* Pass 2: write-protect src's writable pages.  Cannot fail. */
static int write_protect_src(void *ctx, uintptr_t va, pte_t *pte)
{
	struct protect_state *p = ctx;
	if (!pte_writable(*pte))
		return 0;
	*pte = pte_cow_shared(*pte);
	if (++p->changed <= TLB_FLUSH_PAGES_MAX)
		tlb_flush_page(va);
	return 0;
}

static int space_is_empty(const struct vm_space *vs)
{
	for (int i = 0; i < SV39_USER_ENTRIES; i++)
		if (pte_valid(vs->root[i]))
			return 0;
	return 1;
}

int vm_share_cow(struct vm_space *src, struct vm_space *dst, uintptr_t lo,
		 uintptr_t hi)
{
	struct protect_state p = { 0 };
	if (!space_is_empty(dst))
		panic("vm_share_cow: destination space is not empty");
	struct share_state share = { dst, 0, 1 };
	/* dst first: if it runs out of memory, src has not been touched. */
	if (sv39_for_each_leaf(src->root, lo, hi, share_into_dst, &share)) {
		sv39_clear_user(dst->root);
		return -1;
	}
	sv39_for_each_leaf(src->root, lo, hi, write_protect_src, &p);
	if (p.changed > TLB_FLUSH_PAGES_MAX)
		tlb_flush_all();
	dst->zero_lo = src->zero_lo;
	dst->zero_hi = src->zero_hi;
	return 0;
}

int vm_check_refs(struct vm_space *const *spaces, int n,
		  struct refcheck_mismatch *m)
{
	refcheck_begin();
	refcheck_add_holder(zero_frame);
	for (int i = 0; i < n; i++)
		refcheck_add_space(spaces[i]->root);
	return refcheck_verify(m);
}
