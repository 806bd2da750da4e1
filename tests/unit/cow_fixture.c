/* Set-up and helpers for the COW tests (see cow_fixture.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cow_fixture.h"
#include "host.h"
#include "mm/kvm.h"
#include "arch/scause.h"
#include "mm/fastpath.h"
#include "mm/fork.h"

size_t baseline;

/* mm/kvm.c maps a real machine; on the host a new root has an empty
 * kernel half. */
pagetable_t kvm_new_root(void)
{
	return sv39_alloc_table();
}

int cow_setup(void **state)
{
	(void)state;
	fake_ram_init(COW_RAM_BYTES, 0, 0);
	vm_init();
	frame_fail_every(0);
	frame_fail_nth(0);
	baseline = frame_free_count();
	return 0;
}

int cow_teardown(void **state)
{
	(void)state;
	frame_fail_every(0);
	frame_fail_nth(0);
	fake_ram_release();
	return 0;
}

void space_create(struct vm_space *vs)
{
	assert_int_equal(vm_space_create(vs), 0);
}

pte_t pte_at(struct vm_space *vs, uintptr_t va)
{
	pte_t *pte = sv39_walk(vs->root, va, 0);
	assert_non_null(pte);
	assert_true(pte_valid(*pte));
	return *pte;
}

paddr_t frame_at(struct vm_space *vs, uintptr_t va)
{
	return pte_pa(pte_at(vs, va));
}

uint32_t mappers(struct vm_space *vs, uintptr_t va)
{
	pte_t *leaf = sv39_walk(vs->root, va, 0);
	assert_non_null(leaf);
	paddr_t table = PAGE_ROUND_DOWN(kva_to_pa(leaf));
	return frame_refcount(pte_pa(*leaf)) + frame_refcount(table) - 1;
}

int fork_mode_table(void **state)
{
	(void)state;
	fork_set_mode(FORK_TABLE);
	return 0;
}

int fork_mode_pte(void **state)
{
	(void)state;
	fork_set_mode(FORK_PTE);
	return 0;
}

int fork_mode_copy(void **state)
{
	(void)state;
	fork_set_mode(FORK_COPY);
	return 0;
}

int run_in_sharing_modes(const struct CMUnitTest *tests, size_t n)
{
	int failed = 0;
	/* lab share: begin */
	failed |= _cmocka_run_group_tests("fork=table", tests, n,
					  fork_mode_table, NULL);
	/* lab share: end */
	failed |= _cmocka_run_group_tests("fork=pte", tests, n, fork_mode_pte,
					  NULL);
	return failed;
}

uint64_t peek(struct vm_space *vs, uintptr_t va)
{
	return *(uint64_t *)pa_to_kva(frame_at(vs, va));
}

enum fault_outcome fault(struct vm_space *vs, uintptr_t va, uint64_t cause)
{
	struct fault_report r;
	enum fault_outcome o = fault_resolve(vs, va, cause, &r);
	assert_int_equal(o, r.outcome);
	/* A handled fault reports the frame the page maps now, and the one
	 * it mapped before if there was one. */
	if (fault_handled(o))
		assert_int_equal(r.frame_after, frame_at(vs, va));
	else
		assert_int_equal(r.frame_after, 0);
	if (o == FAULT_COW_REUSE || o == FAULT_STALE_TLB)
		assert_int_equal(r.frame_before, r.frame_after);
	return o;
}

int poke(struct vm_space *vs, uintptr_t va, uint64_t value)
{
	pte_t *pte = sv39_walk(vs->root, va, 0);
	if (!pte || !pte_allows_user(*pte, 1)) {
		enum fault_outcome o = fault(vs, va, EXC_STORE_PAGE_FAULT);
		if (!fault_handled(o))
			return (int)o;
	}
	*(uint64_t *)pa_to_kva(frame_at(vs, va)) = value;
	return 0;
}

void fill_pages(struct vm_space *vs, uintptr_t va, int n, uint64_t tag)
{
	assert_int_equal(vm_alloc_range(vs, va, va + (uintptr_t)n * PAGE_SIZE,
					VM_USER_RW), 0);
	for (int i = 0; i < n; i++)
		*(uint64_t *)pa_to_kva(frame_at(vs, va + (uintptr_t)i * PAGE_SIZE)) =
			tag + (uint64_t)i;
}

uint64_t stat_of(size_t offset)
{
	struct vm_stats s;
	vmstat_snapshot(&s);
	return *(uint64_t *)((char *)&s + offset);
}

int refs_consistent(struct vm_space **spaces, int n)
{
	struct refcheck_mismatch m;
	return !vm_check_refs(spaces, n, 0, 0, &m);
}
