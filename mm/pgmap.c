/*
 * The pgmap system call's walk: an address space as runs of pages, each
 * with its frame, the frame's reference count, the level-0 table
 * holding its PTE and the level-1 table above that one.  The walk visits leaves in address order
 * (sv39_for_each_leaf), so a run grows while the next page continues it.
 */
#include "mm/pgmap.h"

#include "mm/frame.h"
#include "mm/fastpath.h"

struct walk {
	pagetable_t root;
	uintptr_t heap_base;
	struct pg_run *out;
	int n, max;
};

static enum pg_region region_of(uintptr_t va, pte_t pte, uintptr_t heap_base)
{
	if (va >= heap_base)
		return PG_HEAP;
	if (va >= heap_base - PAGE_SIZE)
		return PG_STACK;
	return pte & PTE_X ? PG_TEXT : PG_DATA;
}

/* A frame is shared if several leaves map it, or if its one leaf sits in
 * a level-0 table that fork shares between spaces. */
static enum pg_kind kind_of(pte_t pte, uint32_t refs, uint32_t table_refs)
{
	int shared = refs > 1 || table_refs > 1;
	if (pte_pa(pte) == vm_zero_frame())
		return PG_ZERO;
	if (pte_is_cow(pte))
		return shared ? PG_COW_SHARED : PG_COW_SOLE;
	return shared ? PG_SHARED : PG_PRIVATE;
}

static struct pg_run page_run(uintptr_t va, const pte_t *leaf,
			      const struct walk *w)
{
	pte_t pte = *leaf;
	paddr_t table = PAGE_ROUND_DOWN(kva_to_pa(leaf));
	/* A leaf was found under it, so the root entry names a table. */
	paddr_t level1 = pte_pa(*sv39_slot(w->root, va, 2, 0));
	struct pg_run r = {
		.va = va, .pages = 1, .frame = pte_pa(pte), .table = table,
		.refs = frame_refcount(pte_pa(pte)),
		.table_refs = frame_refcount(table),
		.level1 = level1, .level1_refs = frame_refcount(level1),
		.region = (uint8_t)region_of(va, pte, w->heap_base),
		.perm = (uint8_t)((pte & PTE_R ? PG_R : 0) |
				  (pte & PTE_W ? PG_W : 0) |
				  (pte & PTE_X ? PG_X : 0)),
	};
	r.kind = (uint8_t)kind_of(pte, r.refs, r.table_refs);
	return r;
}

static int continues(const struct pg_run *r, const struct pg_run *page)
{
	uint64_t next_frame = r->kind == PG_ZERO
				      ? r->frame
				      : r->frame + r->pages * PAGE_SIZE;
	return page->va == r->va + r->pages * PAGE_SIZE &&
	       page->frame == next_frame && page->table == r->table &&
	       page->refs == r->refs && page->region == r->region &&
	       page->kind == r->kind && page->perm == r->perm;
}

static int visit(void *ctx, uintptr_t va, pte_t *leaf)
{
	struct walk *w = ctx;
	struct pg_run page = page_run(va, leaf, w);
	if (w->n > 0 && continues(&w->out[w->n - 1], &page)) {
		w->out[w->n - 1].pages++;
		return 0;
	}
	if (w->n == w->max)
		return 1; /* full: the caller asks again from here */
	w->out[w->n++] = page;
	return 0;
}

int pgmap_runs(struct vm_space *vs, uintptr_t from, uintptr_t heap_base,
	    struct pg_run *out, int max)
{
	struct walk w = { vs->root, heap_base, out, 0, max };
	sv39_for_each_leaf(vs->root, PAGE_ROUND_DOWN(from), USER_TOP, visit,
			   &w);
	return w.n;
}

struct owners_walk {
	paddr_t pa;
	struct pg_owner *out;
	int n, max;
};

static int visit_owner(void *ctx, uintptr_t va, pte_t *leaf)
{
	struct owners_walk *w = ctx;
	if (pte_pa(*leaf) != w->pa)
		return 0;
	if (w->n == w->max)
		return 1;
	paddr_t table = PAGE_ROUND_DOWN(kva_to_pa(leaf));
	w->out[w->n++] = (struct pg_owner){
		.va = va, .table = table, .table_refs = frame_refcount(table),
		.cow = pte_is_cow(*leaf) != 0,
		.perm = (uint8_t)((*leaf & PTE_R ? PG_R : 0) |
				  (*leaf & PTE_W ? PG_W : 0) |
				  (*leaf & PTE_X ? PG_X : 0)),
	};
	return 0;
}

int pgmap_owners(struct vm_space *vs, paddr_t pa, struct pg_owner *out,
		 int max)
{
	struct owners_walk w = { pa, out, 0, max };
	sv39_for_each_leaf(vs->root, 0, USER_TOP, visit_owner, &w);
	return w.n;
}
