/*
 * fork's half of copy-on-write: giving a new, empty space everything the
 * parent maps, without copying a byte of it.  Two ways (the fork=pte|table
 * boot option picks one in mm/fork.c; docs/cow.md compares them):
 *
 *   table (the default): the child gets its own root and level-1 tables,
 *     whose entries point at the parent's level-0 tables.  Each level-0
 *     table gains one reference; its leaves are write-protected once.  The
 *     cost grows with the number of tables (one per 2 MiB), not of pages.
 *
 *   pte: the child gets its own tables at every level and a copy of every
 *     leaf; each mapped frame gains one reference.  The cost grows with
 *     the number of pages.
 *
 * Either way a page that could be written becomes read-only + COW in both
 * spaces, text and rodata stay read-only for good, and only the pass that
 * allocates can fail: it runs first and leaves the parent untouched.
 */
#include "mm/share.h"
#include "mm/sv39.h"

#include "arch/panic.h"
#include "mm/fastpath.h"
#include "mm/table.h"
#include "mm/tlb.h"
#include "mm/vmstat.h"
/* lab cow: begin stub share_includes.c */
/* lab cow: end */

/* How many entries of a table of `level` whose first entry maps va base
 * can hold mappings below top: the walks stop there. */
static int entries_below(uintptr_t top, uintptr_t base, int level)
{
	uintptr_t size = SV39_LEVEL_SIZE(level);
	if (top <= base)
		return 0;
	uintptr_t n = (top - base + size - 1) / size;
	return n < SV39_ENTRIES ? (int)n : SV39_ENTRIES;
}

static pte_t *table_below(pte_t entry)
{
	if (!pte_valid(entry))
		return 0;
	if (!pte_is_table(entry))
		panic("share_cow: superpage in the user half");
	return pte_table_of(entry);
}

/*
 * Every present level-0 table of vs, with what a sharing pass needs: the
 * level-1 entry that points to it (slot), how many of its entries can be
 * in use (n, below vs->top) and the va its first entry maps.  A non-zero
 * return from visit stops the walk and is returned.
 */
struct level0 {
	pte_t *slot, *table;
	int i, j, n; /* root index, level-1 index, entries in use */
	uintptr_t va;
};
typedef int (*level0_fn)(void *ctx, const struct level0 *t);

/* Inline into each caller, so that the visit is a direct call the
 * compiler can inline too: the walk is written once, but costs fork what
 * a hand-written loop would (forkbench's fork column). */
__attribute__((always_inline)) static inline int
for_each_level0(struct vm_space *vs, level0_fn visit, void *ctx)
{
	int roots = entries_below(vs->top, 0, 2);
	if (roots > SV39_USER_ENTRIES)
		roots = SV39_USER_ENTRIES;
	for (int i = 0; i < roots; i++) {
		pte_t *l1 = table_below(vs->root[i]);
		uintptr_t base = (uintptr_t)i * SV39_LEVEL_SIZE(2);
		int n1 = l1 ? entries_below(vs->top, base, 1) : 0;
		for (int j = 0; j < n1; j++) {
			uintptr_t va = base + (uintptr_t)j * SV39_MEGAPAGE;
			struct level0 t = { .slot = &l1[j], .i = i, .j = j,
					    .va = va };
			t.table = table_below(l1[j]);
			if (!t.table)
				continue;
			t.n = entries_below(vs->top, t.va, 0);
			int r = visit(ctx, &t);
			if (r)
				return r;
		}
	}
	return 0;
}

/* What a pass that write-protects leaves carries along: the space it
 * shares with (table mode), and whether any leaf changed, so that one TLB
 * flush at the end covers them all. */
struct protect_pass {
	struct vm_space *dst;
	int changed;
};

/* lab cow: begin stub share_by_pte.c */
/* pte mode, pass 1: dst's own level-0 table for one of src's, holding the
 * shared form of each leaf, one more reference on each frame. */
static int copy_level0_table(void *ctx, const struct level0 *t)
{
	struct vm_space *dst = ctx;
	pte_t *entry = sv39_slot(dst->root, t->va, 1, 1);
	pagetable_t table = entry ? sv39_alloc_table() : 0;
	const pte_t *from = t->table;
	int n = t->n;
	if (!table)
		return -1;
	*entry = pte_table(kva_to_pa(table));
	for (int k = 0; k < n; k++) {
		pte_t pte = from[k];
		if (!pte_valid(pte))
			continue;
		table[k] = pte_is_logically_writable(pte) ? pte_cow_shared(pte)
							  : pte;
		frame_ref(pte_pa(pte));
	}
	return 0;
}

/* pte mode, pass 2: src's writable leaves become read-only + COW. */
static int write_protect_leaves(void *ctx, const struct level0 *t)
{
	struct protect_pass *pass = ctx;
	pte_t *table = t->table;
	for (int k = 0; k < t->n; k++)
		if (pte_writable(table[k])) {
			table[k] = pte_cow_shared(table[k]);
			pass->changed = 1;
		}
	return 0;
}

/* Each mode runs the pass that allocates first, so that a failure leaves
 * src as it was; 0, or -1 with dst's tables given back. */
static int share_by_pte(struct vm_space *src, struct vm_space *dst)
{
	if (for_each_level0(src, copy_level0_table, dst)) {
		sv39_clear_user(dst->root);
		return -1;
	}
	struct protect_pass pass = { dst, 0 };
	for_each_level0(src, write_protect_leaves, &pass);
	if (pass.changed)
		tlb_flush_user();
	return 0;
}
/* lab cow: end */

/* lab share: begin stub share_by_table.c */
/* table mode, pass 1: a private level-1 table in dst for each of src's.
 * Only the root is walked: the level-0 tables below are pass 2's. */
static int give_level1_tables(struct vm_space *src, struct vm_space *dst)
{
	int roots = entries_below(src->top, 0, 2);
	for (int i = 0; i < roots && i < SV39_USER_ENTRIES; i++) {
		if (!table_below(src->root[i]))
			continue;
		pagetable_t l1 = sv39_alloc_table();
		if (!l1)
			return -1;
		dst->root[i] = pte_table(kva_to_pa(l1));
	}
	return 0;
}

/* table mode, pass 2: dst's level-1 entry points at src's level-0 table,
 * whose writable leaves become read-only + COW (once per table). */
static int share_level0_table(void *ctx, const struct level0 *t)
{
	struct protect_pass *pass = ctx;
	pass->changed |= table_write_protect(t->table, t->n);
	frame_ref(kva_to_pa(t->table));
	pte_table_of(pass->dst->root[t->i])[t->j] = *t->slot;
	vmstat_count(VM_TABLE_SHARE);
	return 0;
}

static int share_by_table(struct vm_space *src, struct vm_space *dst)
{
	if (give_level1_tables(src, dst)) {
		sv39_clear_user(dst->root);
		return -1;
	}
	struct protect_pass pass = { dst, 0 };
	for_each_level0(src, share_level0_table, &pass);
	if (pass.changed)
		tlb_flush_user();
	return 0;
}
/* lab share: end */

int share_cow(struct vm_space *src, struct vm_space *dst, enum share_how how)
{
	if (dst->top)
		panic("share_cow: destination space is not empty");
	if (how == SHARE_BY_TABLE ? share_by_table(src, dst)
				  : share_by_pte(src, dst))
		return -1;
	dst->zero_lo = src->zero_lo;
	dst->zero_hi = src->zero_hi;
	dst->top = src->top;
	return 0;
}
