/*
 * The fault decision table (docs/cow.md draws it):
 *
 *   page state               12 fetch      13 load        15 store/AMO
 *   -----------------------  ------------  -------------  ----------------
 *   mapped, access allowed   handled (*)   handled (*)    handled (*)
 *   mapped, COW              protection    handled (*)    cow_break
 *   mapped, otherwise        protection    protection     protection
 *   unmapped, demand-zero    unmapped      zero frame RO  fresh zeroed RW
 *   unmapped, elsewhere      unmapped      unmapped       unmapped
 *   va >= USER_TOP           bad address   bad address    bad address
 *
 *   (*) a stale TLB entry: the PTE already allows it; flush and retry.
 *
 * "mapped" means a user (U) leaf; a present non-user page is protection.
 */
#include "mm/fault.h"

#include "mm/cow.h"
#include "mm/frame.h"
#include "mm/table.h"
#include "mm/tlb.h"
#include "mm/vmstat.h"
#include "trap/scause.h"

static int allows(pte_t pte, uint64_t scause)
{
	if (!pte_valid(pte) || !pte_user(pte))
		return 0;
	if (scause == EXC_INST_PAGE_FAULT)
		return pte_executable(pte);
	if (scause == EXC_LOAD_PAGE_FAULT)
		return pte_readable(pte);
	return pte_writable(pte);
}

static int in_zero_range(const struct vm_space *vs, uintptr_t va)
{
	return va >= vs->zero_lo && va < vs->zero_hi;
}

/* An unmapped demand-zero page: loads share the zero frame read-only (a
 * later store copies it, like any COW page); stores get their own frame.
 * Out of line, so that vm_fault itself stays small for the COW path. */
__attribute__((noinline)) static int zero_fault(struct vm_space *vs,
						 uintptr_t va, uint64_t scause)
{
	int store = scause == EXC_STORE_PAGE_FAULT;
	paddr_t pa = store ? frame_alloc(FRAME_ZERO) : vm_zero_frame();
	pte_t perm = store ? VM_USER_RW : (PTE_U | PTE_R | PTE_COW);
	if (!pa)
		return VM_FAULT_NO_MEMORY;
	if (!store)
		frame_ref(pa);
	pte_t *pte = vm_slot_for_change(vs, va, 1);
	if (!pte) {
		frame_unref(pa);
		return VM_FAULT_NO_MEMORY;
	}
	*pte = pte_leaf(pa, perm);
	tlb_flush_page(va);
	vmstat_count(store ? VM_ZERO_FILL : VM_ZERO_MAP);
	return VM_FAULT_HANDLED;
}

/* A store to a copy-on-write page, the reason this kernel exists.  The
 * decision needs the table to be ours: in a table shared with other
 * spaces, one frame reference stands for all of them. */
static int cow_fault(struct vm_space *vs, pte_t *entry, uintptr_t va)
{
	pte_t *pte = table_leaf_for_change(vs, entry, va);
	return pte && cow_break(pte, va) == 0 ? VM_FAULT_HANDLED
					      : VM_FAULT_NO_MEMORY;
}

static int is_user_cow(pte_t pte)
{
	return (pte & (PTE_V | PTE_U | PTE_COW)) == (PTE_V | PTE_U | PTE_COW);
}

int vm_fault(struct vm_space *vs, uintptr_t va, uint64_t scause)
{
	if (va >= USER_TOP)
		return VM_FAULT_BAD_ADDRESS;
	if (scause != EXC_INST_PAGE_FAULT && scause != EXC_LOAD_PAGE_FAULT &&
	    scause != EXC_STORE_PAGE_FAULT)
		return VM_FAULT_PROTECTION;
	va = PAGE_ROUND_DOWN(va);
	/* One walk, to the level-1 entry: the COW path needs it to make the
	 * table private, everything else just the leaf below it. */
	pte_t *entry = sv39_level1_entry(vs->root, va);
	pte_t leaf = entry && pte_is_table(*entry)
			     ? sv39_table_of(*entry)[(va >> PAGE_SHIFT) &
						     (SV39_ENTRIES - 1)]
			     : 0;
	/* The common case first.  A COW page is never writable, so a store
	 * to one is never the stale-TLB case below. */
	if (scause == EXC_STORE_PAGE_FAULT && is_user_cow(leaf))
		return cow_fault(vs, entry, va);
	if (allows(leaf, scause)) {
		tlb_flush_page(va);
		return VM_FAULT_HANDLED;
	}
	if (pte_valid(leaf))
		return VM_FAULT_PROTECTION;
	if (scause != EXC_INST_PAGE_FAULT && in_zero_range(vs, va))
		return zero_fault(vs, va, scause);
	return VM_FAULT_UNMAPPED;
}
