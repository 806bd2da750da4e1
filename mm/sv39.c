/*
 * The Sv39 walk.  A virtual address splits into three 9-bit table indices
 * and a 12-bit page offset:
 *
 *   38        30 29        21 20        12 11           0
 *  |  VPN[2]    |  VPN[1]    |  VPN[0]    |  page offset |
 *     root         level 1      level 0
 *
 * Bits 63..39 must copy bit 38, so the lower half is [0, 2^38) and the
 * upper half is the top 2^38 bytes.  Tables hold physical addresses; the
 * kernel reaches them through the direct map.
 */
#include "mm/sv39.h"

#include "arch/panic.h"
#include "mm/frame.h"
#include "mm/fastpath.h"
#include "mm/vmstat.h"

static unsigned vpn(uintptr_t va, int level)
{
	return (va >> (PAGE_SHIFT + 9 * level)) & (SV39_ENTRIES - 1);
}

pagetable_t sv39_alloc_table(void)
{
	paddr_t pa = frame_alloc(FRAME_ZERO);
	return pa ? pa_to_kva(pa) : 0;
}

/* The slot for va at `level`, creating tables above it if alloc. */
static pte_t *walk_to(pagetable_t root, uintptr_t va, int level, int alloc)
{
	pte_t *table = root;
	for (int l = 2; l > level; l--) {
		pte_t *pte = &table[vpn(va, l)];
		if (pte_is_leaf(*pte))
			return 0;
		if (!pte_valid(*pte)) {
			pagetable_t next;
			if (!alloc || !(next = sv39_alloc_table()))
				return 0;
			*pte = pte_table(kva_to_pa(next));
		}
		table = pte_table_of(*pte);
	}
	return &table[vpn(va, level)];
}

pte_t *sv39_walk(pagetable_t root, uintptr_t va, int alloc)
{
	return walk_to(root, va, 0, alloc);
}

pte_t *sv39_slot(pagetable_t root, uintptr_t va, int level, int alloc)
{
	return walk_to(root, va, level, alloc);
}

/* Descends towards va and stops at the first entry that is a leaf or
 * invalid, reporting its level: an invalid entry at level L means the
 * whole aligned SV39_LEVEL_SIZE(L) block around va is unmapped. */
static pte_t *find_entry(pagetable_t root, uintptr_t va, int *level)
{
	pte_t *table = root;
	for (int l = 2;; l--) {
		pte_t *pte = &table[vpn(va, l)];
		if (l == 0 || !pte_is_table(*pte)) {
			*level = l;
			return pte;
		}
		table = pte_table_of(*pte);
	}
}

/* Undoing a mapping that failed halfway: the caller keeps its references
 * (it still holds the frames), and nothing used the new leaves, so no TLB
 * can hold them. */
static int clear_leaf(void *ctx, uintptr_t va, pte_t *pte)
{
	(void)ctx;
	(void)va;
	*pte = 0;
	return 0;
}

static int map_range(pagetable_t root, uintptr_t va, paddr_t pa, size_t size,
		     pte_t perm, int max_level)
{
	uintptr_t start = va, end = va + size;
	while (va < end) {
		int level = max_level;
		while (level > 0 && ((va | pa) & (SV39_LEVEL_SIZE(level) - 1) ||
				     end - va < SV39_LEVEL_SIZE(level)))
			level--;
		pte_t *pte = walk_to(root, va, level, 1);
		if (!pte) {
			sv39_for_each_leaf(root, start, va, clear_leaf, 0);
			return -1;
		}
		if (pte_valid(*pte))
			panic("sv39_map: remap of va 0x%lx", va);
		*pte = pte_leaf(pa, perm);
		va += SV39_LEVEL_SIZE(level);
		pa += SV39_LEVEL_SIZE(level);
	}
	return 0;
}

int sv39_map(pagetable_t root, uintptr_t va, paddr_t pa, size_t size,
	     pte_t perm)
{
	return map_range(root, va, pa, size, perm, 0);
}

int sv39_map_large(pagetable_t root, uintptr_t va, paddr_t pa, size_t size,
		   pte_t perm)
{
	return map_range(root, va, pa, size, perm, 1);
}

/* Visits the valid leaves in [lo, hi) under `table`, a table of `level`
 * whose first entry maps va `base`.  Only present tables are entered: an
 * empty slot is one test, however much address space it stands for. */
static int leaves_in(pte_t *table, int level, uintptr_t base, uintptr_t lo,
		     uintptr_t hi, sv39_leaf_fn visit, void *ctx)
{
	uintptr_t size = SV39_LEVEL_SIZE(level);
	unsigned i = lo > base ? (unsigned)((lo - base) / size) : 0;
	for (; i < SV39_ENTRIES && base + i * size < hi; i++) {
		pte_t pte = table[i];
		uintptr_t va = base + i * size;
		int stop = 0;
		if (!pte_valid(pte))
			continue;
		if (level == 0)
			stop = visit(ctx, va, &table[i]);
		else if (pte_is_table(pte))
			stop = leaves_in(pte_table_of(pte), level - 1, va, lo,
					 hi, visit, ctx);
		else
			panic("sv39_for_each_leaf: superpage at va 0x%lx", va);
		if (stop)
			return stop;
	}
	return 0;
}

int sv39_for_each_leaf(pagetable_t root, uintptr_t lo, uintptr_t hi,
		       sv39_leaf_fn visit, void *ctx)
{
	/* The root spans 2^39 bytes: the user half from 0, the kernel half
	 * (sign-extended) from 0xffffff8000000000. */
	uintptr_t span = SV39_LEVEL_SIZE(2) * SV39_ENTRIES;
	return leaves_in(root, 2, lo & ~(span - 1), lo, hi, visit, ctx);
}

int sv39_translate(pagetable_t root, uintptr_t va, paddr_t *pa, pte_t *flags)
{
	int level;
	pte_t *pte = find_entry(root, va, &level);
	if (!pte_is_leaf(*pte))
		return -1;
	*pa = pte_pa(*pte) + (va & (SV39_LEVEL_SIZE(level) - 1));
	*flags = pte_flags(*pte);
	return 0;
}

/* Gives up this space's reference to a table and what hangs below it.  A
 * level-0 table that fork shares with other spaces (mm/table.c) keeps its
 * entries for them: only the last holder empties it. */
void sv39_free_table(pte_t *table, int level)
{
	if (!frame_unref_unless_last(kva_to_pa(table))) {
		if (level == 0) /* a table fork shares: others still hold it */
			vmstat_count(VM_TABLE_LEAVE);
		return;
	}
	for (int i = 0; i < SV39_ENTRIES; i++) {
		pte_t pte = table[i];
		if (!pte_valid(pte))
			continue;
		if (pte_is_table(pte) && level > 0)
			sv39_free_table(pte_table_of(pte), level - 1);
		else if (level == 0)
			frame_unref(pte_pa(pte));
		else
			panic("sv39_clear_user: superpage in the user half");
		table[i] = 0;
	}
	frame_unref(kva_to_pa(table));
}

void sv39_clear_user(pagetable_t root)
{
	for (int i = 0; i < SV39_USER_ENTRIES; i++) {
		if (pte_is_table(root[i]))
			sv39_free_table(pte_table_of(root[i]), 1);
		else if (pte_valid(root[i]))
			panic("sv39_clear_user: gigapage in the user half");
		root[i] = 0;
	}
	/* No flush: a cleared space never runs again, and until the next
	 * switch the kernel makes no user access.  Its ASID is not handed out
	 * again before a new generation flushes every TLB, and without ASIDs
	 * every switch flushes everything (mm/asid.c). */
}

void sv39_destroy(pagetable_t root)
{
	sv39_clear_user(root);
	frame_unref(kva_to_pa(root));
}
