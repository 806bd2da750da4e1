/*
 * The fault decision table (docs/cow.md draws it), with the outcome each
 * cell reports (include/fault.h):
 *
 *   page state               12 fetch      13 load       15 store/AMO
 *   -----------------------  ------------  ------------  -----------------
 *   mapped, access allowed   stale-tlb     stale-tlb     stale-tlb
 * lab cow: begin stub fault-row.c
 *   mapped, COW              protection    stale-tlb     cow_break: cow-
 *                                                        copy/reuse/zero
 * lab cow: end
 *   mapped, otherwise        protection    protection    protection
 * lab lazy: begin stub fault-row.c
 *   unmapped, demand-zero    unmapped      zero-map      zero-fill
 * lab lazy: end
 *   unmapped, elsewhere      unmapped      unmapped      unmapped
 *   va >= USER_TOP           bad-address   bad-address   bad-address
 *
 * stale-tlb: the PTE already allows the access; flush and retry.  Any
 * step that needs a frame and finds none reports no-memory instead.
 * "mapped" means a user (U) leaf; a present non-user page is protection.
 */
#include "mm/fault.h"

#include "arch/scause.h"
#include "mm/cow.h"
#include "mm/fastpath.h"
#include "mm/table.h"
#include "mm/tlb.h"
#include "mm/vm.h"
#include "mm/vmstat.h"

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

/* A fault that changes nothing: no frame before or after to report. */
static enum fault_outcome refuse(struct fault_report *r, enum fault_outcome o)
{
	r->frame_before = r->frame_after = 0;
	r->refs_before = r->refs_after = 0;
	return o;
}

/* lab lazy: begin stub zero_fault.c */
static int in_zero_range(const struct vm_space *vs, uintptr_t va)
{
	return va >= vs->zero_lo && va < vs->zero_hi;
}

/* An unmapped demand-zero page: loads share the zero frame read-only (a
 * later store copies it, like any COW page); stores get their own frame.
 * Out of line, so that fault_resolve itself stays small for the COW path. */
__attribute__((noinline)) static enum fault_outcome
zero_fault(struct vm_space *vs, uintptr_t va, uint64_t scause, int ready,
	   struct fault_report *r)
{
	int store = scause == EXC_STORE_PAGE_FAULT;
	paddr_t pa = store ? frame_alloc(FRAME_ZERO) : vm_zero_frame();
	pte_t perm = store ? VM_USER_RW : (PTE_U | PTE_R | PTE_COW);
	if (!pa)
		return refuse(r, FAULT_NO_MEMORY);
	/* A fresh frame has our reference only; the zero frame one more. */
	uint32_t refs = store ? 1 : frame_ref(pa);
	/* Straight to the table if one hangs below the level-1 entry (two
	 * loads); only a missing table costs the full walk that builds it. */
	pte_t *entry = sv39_level1_entry(vs->root, va);
	int has_table = entry && pte_is_table(*entry);
	pte_t *pte = has_table ? table_leaf_for_change(vs, entry, va)
			       : table_slot_for_change(vs, va, 1);
	if (!pte) {
		frame_unref(pa);
		return refuse(r, FAULT_NO_MEMORY);
	}
	if (has_table && !ready) /* decide asked: the table was not ours */
		r->table_after = pte_pa(*entry);
	*pte = pte_leaf(pa, perm);
	tlb_flush_page(va);
	r->frame_before = 0;
	r->frame_after = pa;
	r->refs_before = r->refs_after = refs;
	return store ? FAULT_ZERO_FILL : FAULT_ZERO_MAP;
}
/* lab lazy: end */

/* lab cow: begin */
/* The table is shared, or was: make it ours (mm/table.c) and report the
 * table that now holds the leaf.  Out of line: the common case skips it. */
__attribute__((noinline)) static pte_t *own_table(struct vm_space *vs,
						  pte_t *entry, uintptr_t va,
						  struct fault_report *r)
{
	pte_t *pte = table_leaf_for_change(vs, entry, va);
	if (pte)
		r->table_after = pte_pa(*entry);
	return pte;
}

/* A store to a copy-on-write page, the reason this kernel exists.  The
 * decision needs the table to be ours: in a table shared with other
 * spaces, one frame reference stands for all of them.  Usually it is ours
 * already (ready: slot is the leaf to change); a COW leaf exists, so va is
 * below vs->top. */
static enum fault_outcome cow_fault(struct vm_space *vs, pte_t *entry,
				    pte_t *slot, int ready, uintptr_t va,
				    struct fault_report *r)
{
	pte_t *pte = ready ? slot : own_table(vs, entry, va, r);
	return pte ? cow_break(pte, va, r) : refuse(r, FAULT_NO_MEMORY);
}

static int is_user_cow(pte_t pte)
{
	return (pte & (PTE_V | PTE_U | PTE_COW)) == (PTE_V | PTE_U | PTE_COW);
}
/* lab cow: end */

/* The access is allowed already: another hart's old translation, or ours
 * from before a change we made without a flush reaching this page. */
static enum fault_outcome stale_tlb(pte_t leaf, uintptr_t va,
				    struct fault_report *r)
{
	tlb_flush_page(va);
	r->frame_before = r->frame_after = pte_pa(leaf);
	r->refs_before = r->refs_after = frame_refcount(pte_pa(leaf));
	return FAULT_STALE_TLB;
}

/* Each path fills in every field of *r but the outcome. */
static enum fault_outcome decide(struct vm_space *vs, uintptr_t va,
				 uint64_t scause, struct fault_report *r)
{
	r->table_refs = 0;
	r->table_after = 0;
	if (va >= USER_TOP)
		return refuse(r, FAULT_BAD_ADDRESS);
	if (scause != EXC_INST_PAGE_FAULT && scause != EXC_LOAD_PAGE_FAULT &&
	    scause != EXC_STORE_PAGE_FAULT)
		return refuse(r, FAULT_PROTECTION);
	va = PAGE_ROUND_DOWN(va);
	/* One walk, to the level-1 entry: the COW path needs it to make the
	 * table private, everything else just the leaf below it. */
	pte_t *entry = sv39_level1_entry(vs->root, va);
	pte_t *slot = 0, leaf = 0;
	int ready = 0;
	if (entry && pte_is_table(*entry)) {
		paddr_t table = pte_pa(*entry);
		slot = (pte_t *)pa_to_kva(table) +
		       ((va >> PAGE_SHIFT) & (SV39_ENTRIES - 1));
		leaf = *slot;
		r->table_before = table;
		r->table_refs = table_holders(table, &ready);
	}
	/* lab cow: begin stub decide_cow.c */
	/* The common case first.  A COW page is never writable, so a store
	 * to one is never the stale-TLB case below. */
	if (scause == EXC_STORE_PAGE_FAULT && is_user_cow(leaf))
		return cow_fault(vs, entry, slot, ready, va, r);
	/* lab cow: end */
	if (allows(leaf, scause))
		return stale_tlb(leaf, va, r);
	if (pte_valid(leaf))
		return refuse(r, FAULT_PROTECTION);
	/* lab lazy: begin stub decide_zero.c */
	if (scause != EXC_INST_PAGE_FAULT && in_zero_range(vs, va))
		return zero_fault(vs, va, scause, ready, r);
	/* lab lazy: end */
	return refuse(r, FAULT_UNMAPPED);
}

enum fault_outcome fault_resolve(struct vm_space *vs, uintptr_t va,
				 uint64_t scause, struct fault_report *r)
{
	r->outcome = decide(vs, va, scause, r);
	vmstat_count_fault(r->outcome);
	return r->outcome;
}
