/*
 * fork's half of copy-on-write: giving a new, empty space everything the
 * parent maps, without copying a byte of it.  Two ways (the fork=pte|table
 * boot option picks one; docs/cow.md compares them):
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
#include "mm/vm.h"

#include "kernel/panic.h"
#include "mm/frame.h"
#include "mm/table.h"
#include "mm/tlb.h"
#include "mm/vmstat.h"

static enum vm_fork_mode fork_mode = VM_FORK_TABLE;

void vm_set_fork_mode(enum vm_fork_mode mode)
{
	fork_mode = mode;
}

enum vm_fork_mode vm_fork_mode(void)
{
	return fork_mode;
}

/* The va that entry j of the level-1 table under root slot i maps. */
static uintptr_t block_va(int i, int j)
{
	return (uintptr_t)i * SV39_LEVEL_SIZE(2) + (uintptr_t)j * SV39_MEGAPAGE;
}

/* How many entries of a table of `level` whose first entry maps va base
 * can hold mappings below top: the loops below stop there. */
static int entries_below(uintptr_t top, uintptr_t base, int level)
{
	uintptr_t size = SV39_LEVEL_SIZE(level);
	if (top <= base)
		return 0;
	uintptr_t n = (top - base + size - 1) / size;
	return n < SV39_ENTRIES ? (int)n : SV39_ENTRIES;
}

static int root_entries(const struct vm_space *vs)
{
	int n = entries_below(vs->top, 0, 2);
	return n < SV39_USER_ENTRIES ? n : SV39_USER_ENTRIES;
}

static pte_t *level1(pagetable_t root, int i)
{
	if (!pte_valid(root[i]))
		return 0;
	if (!pte_is_table(root[i]))
		panic("vm_share_cow: gigapage in the user half");
	return sv39_table_of(root[i]);
}

static pte_t *level0(pte_t *l1, int j)
{
	if (!pte_valid(l1[j]))
		return 0;
	if (!pte_is_table(l1[j]))
		panic("vm_share_cow: superpage in the user half");
	return sv39_table_of(l1[j]);
}

/* table mode, pass 1: a private level-1 table in dst for each of src's. */
static int give_level1_tables(struct vm_space *src, struct vm_space *dst)
{
	for (int i = 0; i < root_entries(src); i++) {
		if (!level1(src->root, i))
			continue;
		pagetable_t l1 = sv39_alloc_table();
		if (!l1)
			return -1;
		dst->root[i] = pte_table(kva_to_pa(l1));
	}
	return 0;
}

/* table mode, pass 2: every level-0 table of src is shared with dst. */
static void share_level0_tables(struct vm_space *src, struct vm_space *dst)
{
	int changed = 0;
	for (int i = 0; i < root_entries(src); i++) {
		pte_t *src_l1 = level1(src->root, i);
		if (!src_l1)
			continue;
		pte_t *dst_l1 = sv39_table_of(dst->root[i]);
		int n1 = entries_below(src->top, block_va(i, 0), 1);
		for (int j = 0; j < n1; j++) {
			pte_t *table = level0(src_l1, j);
			if (!table)
				continue;
			changed |= table_write_protect(
				table, entries_below(src->top, block_va(i, j), 0));
			frame_ref(kva_to_pa(table));
			dst_l1[j] = src_l1[j];
			vmstat_count(VM_TABLE_SHARE);
		}
	}
	if (changed)
		tlb_flush_user();
}

/* pte mode, pass 1: dst's own level-0 table for one of src's, holding the
 * shared form of each leaf, one more reference on each frame. */
static int copy_level0_table(pte_t *src_table, int n, struct vm_space *dst,
			     uintptr_t va)
{
	pte_t *entry = sv39_slot(dst->root, va, 1, 1);
	pagetable_t table = entry ? sv39_alloc_table() : 0;
	if (!table)
		return -1;
	*entry = pte_table(kva_to_pa(table));
	for (int k = 0; k < n; k++) {
		pte_t pte = src_table[k];
		if (!pte_valid(pte))
			continue;
		table[k] = pte_is_logically_writable(pte) ? pte_cow_shared(pte)
							  : pte;
		frame_ref(pte_pa(pte));
	}
	return 0;
}

static int copy_leaves(struct vm_space *src, struct vm_space *dst)
{
	for (int i = 0; i < root_entries(src); i++) {
		pte_t *l1 = level1(src->root, i);
		int n1 = l1 ? entries_below(src->top, block_va(i, 0), 1) : 0;
		for (int j = 0; j < n1; j++) {
			pte_t *table = level0(l1, j);
			uintptr_t va = block_va(i, j);
			if (table && copy_level0_table(table,
						       entries_below(src->top, va, 0),
						       dst, va))
				return -1;
		}
	}
	return 0;
}

/* pte mode, pass 2: src's writable leaves become read-only + COW. */
static void write_protect_leaves(struct vm_space *src)
{
	int changed = 0;
	for (int i = 0; i < root_entries(src); i++) {
		pte_t *l1 = level1(src->root, i);
		int n1 = l1 ? entries_below(src->top, block_va(i, 0), 1) : 0;
		for (int j = 0; j < n1; j++) {
			pte_t *table = level0(l1, j);
			int n0 = entries_below(src->top, block_va(i, j), 0);
			for (int k = 0; table && k < n0; k++)
				if (pte_writable(table[k])) {
					table[k] = pte_cow_shared(table[k]);
					changed = 1;
				}
		}
	}
	if (changed)
		tlb_flush_user();
}

int vm_share_cow(struct vm_space *src, struct vm_space *dst)
{
	if (dst->top)
		panic("vm_share_cow: destination space is not empty");
	int table_mode = fork_mode == VM_FORK_TABLE;
	if (table_mode ? give_level1_tables(src, dst) : copy_leaves(src, dst)) {
		sv39_clear_user(dst->root);
		return -1;
	}
	if (table_mode)
		share_level0_tables(src, dst);
	else
		write_protect_leaves(src);
	dst->zero_lo = src->zero_lo;
	dst->zero_hi = src->zero_hi;
	dst->top = src->top;
	return 0;
}
