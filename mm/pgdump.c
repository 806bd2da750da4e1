/*
 * The walk visits leaves in address order (sv39_for_each_leaf), so runs
 * are built by extending the current one while the next page continues it.
 */
#include "mm/pgdump.h"

#include "lib/fmt.h"
#include "mm/frame.h"

enum page_kind { KIND_PRIVATE, KIND_SHARED, KIND_COW_SHARED, KIND_COW_SOLE,
		 KIND_ZERO };

static const char *const kind_names[] = {
	[KIND_PRIVATE] = "private",
	[KIND_SHARED] = "shared (read-only)",
	[KIND_COW_SHARED] = "cow, shared",
	[KIND_COW_SOLE] = "cow, sole owner",
	[KIND_ZERO] = "zero frame",
};

struct run {
	uintptr_t lo, hi;
	pte_t perm;
	enum page_kind kind;
	void (*print)(const char *line);
};

/* A frame is shared if several leaves map it, or if its one leaf sits in
 * a level-0 table that fork shares between spaces. */
static enum page_kind kind_of(const pte_t *leaf)
{
	pte_t pte = *leaf;
	paddr_t pa = pte_pa(pte);
	paddr_t table = PAGE_ROUND_DOWN(kva_to_pa(leaf));
	int shared = frame_refcount(pa) > 1 || frame_refcount(table) > 1;
	if (pa == vm_zero_frame())
		return KIND_ZERO;
	if (pte_is_cow(pte))
		return shared ? KIND_COW_SHARED : KIND_COW_SOLE;
	return shared ? KIND_SHARED : KIND_PRIVATE;
}

static void run_print(const struct run *r)
{
	char line[128];
	if (r->hi == r->lo)
		return;
	fmt_snprintf(line, sizeof line, "0x%010lx-0x%010lx %6lu  %c%c%c%c  %s",
		     r->lo, r->hi, (r->hi - r->lo) / PAGE_SIZE,
		     r->perm & PTE_R ? 'r' : '-', r->perm & PTE_W ? 'w' : '-',
		     r->perm & PTE_X ? 'x' : '-', r->perm & PTE_U ? 'u' : '-',
		     kind_names[r->kind]);
	r->print(line);
}

static int visit(void *ctx, uintptr_t va, pte_t *pte)
{
	struct run *r = ctx;
	pte_t perm = *pte & (PTE_R | PTE_W | PTE_X | PTE_U);
	enum page_kind kind = kind_of(pte);
	if (va != r->hi || perm != r->perm || kind != r->kind) {
		run_print(r);
		*r = (struct run){ va, va, perm, kind, r->print };
	}
	r->hi = va + PAGE_SIZE;
	return 0;
}

void vm_dump(struct vm_space *vs, void (*print)(const char *line))
{
	struct run r = { 0, 0, 0, KIND_PRIVATE, print };
	print("start        end          pages  perm  frames");
	sv39_for_each_leaf(vs->root, 0, USER_TOP, visit, &r);
	run_print(&r);
}
