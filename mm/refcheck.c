/*
 * The invariant checked, in two halves: for every page table, refcount ==
 * the entries (in any space) pointing to it; for every other frame that
 * some counted table or holder refers to, refcount == the leaves mapping
 * it, each table counted once however many spaces share it, + holders.  Frames nobody counted are skipped (kernel stacks, pipe
 * buffers...); leaks of those show up in the free-frame baseline instead.
 */
#include "mm/refcheck.h"

#include "lib/fmt.h"
#include "mm/frame.h"

void refcheck_begin(void)
{
	frame_tally_reset();
}

void refcheck_add_holder(paddr_t pa)
{
	frame_tally(pa);
}

/* A table is counted once per entry pointing at it, but what it maps only
 * once: a level-0 table fork shared stands for one reference on each of
 * its frames, however many spaces use it. */
static void tally_table(const pte_t *table, int level)
{
	/* lab share: begin stub refcheck_table.c */
	if (frame_tally(kva_to_pa(table)) > 1)
		return;
	/* lab share: end */
	for (int i = 0; i < SV39_ENTRIES; i++) {
		pte_t pte = table[i];
		if (pte_is_table(pte) && level > 0)
			tally_table(pa_to_kva(pte_pa(pte)), level - 1);
		else if (pte_valid(pte))
			frame_tally(pte_pa(pte));
	}
}

void refcheck_add_space(pagetable_t root)
{
	frame_tally(kva_to_pa(root));
	for (int i = 0; i < SV39_USER_ENTRIES; i++)
		if (pte_is_table(root[i]))
			tally_table(pa_to_kva(pte_pa(root[i])), 1);
}

int refcheck_verify(struct refcheck_mismatch *first)
{
	return frame_tally_mismatch(&first->pa, &first->refs,
				    &first->expected);
}

struct report_ctx {
	const struct refcheck_mismatch *m;
	int root_index;
	void (*print)(const char *line);
};

static int report_leaf(void *ctx, uintptr_t va, pte_t *pte)
{
	struct report_ctx *r = ctx;
	char line[128];
	if (pte_pa(*pte) != r->m->pa)
		return 0;
	fmt_snprintf(line, sizeof line, "  space %d va 0x%lx pte 0x%lx%s",
		     r->root_index, va, *pte, pte_is_cow(*pte) ? " (cow)" : "");
	r->print(line);
	return 0;
}

void refcheck_report(const struct refcheck_mismatch *m, pagetable_t *roots,
		     int nroots, void (*print)(const char *line))
{
	char line[128];
	fmt_snprintf(line, sizeof line,
		     "refcheck: frame 0x%lx has refcount %u, page tables and "
		     "holders account for %u; mapped at:",
		     m->pa, m->refs, m->expected);
	print(line);
	for (int i = 0; i < nroots; i++) {
		struct report_ctx r = { m, i, print };
		sv39_for_each_leaf(roots[i], 0, USER_TOP, report_leaf, &r);
	}
}
