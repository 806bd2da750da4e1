/*
 * Level-0 page tables shared by fork (mm/share.c, mm/table.c): who holds
 * what after a fork, the copy made before a change (unshare), the table
 * taken over in place once the other holders are gone (reuse), and unmaps
 * across shared tables.  The reference checker must agree after each.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cow_fixture.h"
#include "host.h"
#include "mm/table.h"
#include "arch/scause.h"
#include "mm/fastpath.h"
#include "mm/fork.h"

#define VA 0x10000UL
#define NPAGES 8
#define BLOCK SV39_MEGAPAGE

/* The level-1 entry above va: where a space points at its level-0 table. */
static pte_t table_entry(struct vm_space *vs, uintptr_t va)
{
	pte_t *entry = sv39_slot(vs->root, va, 1, 0);
	assert_non_null(entry);
	return *entry;
}

static paddr_t table_pa(struct vm_space *vs, uintptr_t va)
{
	return pte_pa(table_entry(vs, va));
}

static int mapped(struct vm_space *vs, uintptr_t va)
{
	pte_t *leaf = sv39_walk(vs->root, va, 0);
	return leaf && pte_valid(*leaf);
}

static void spaces_create(struct vm_space *parent, struct vm_space *child)
{
	space_create(parent);
	space_create(child);
}

static void check_and_destroy(struct vm_space *a, struct vm_space *b)
{
	struct vm_space *all[] = { a, b };
	assert_true(refs_consistent(all, 2));
	vm_space_destroy(a);
	vm_space_destroy(b);
	assert_int_equal(frame_free_count(), baseline);
}

static void fork_shares_level0_tables_not_pages(void **state)
{
	(void)state;
	struct vm_space parent, child;
	spaces_create(&parent, &child);
	fill_pages(&parent, VA, NPAGES, 0);
	paddr_t data = frame_at(&parent, VA);
	uint64_t shares = STAT(table_shares);
	assert_int_equal(fork_space(&parent, &child), 0);
	assert_int_equal(table_entry(&child, VA), table_entry(&parent, VA));
	assert_int_equal(frame_refcount(table_pa(&parent, VA)), 2);
	assert_int_equal(frame_refcount(data), 1); /* one leaf, one table */
	assert_int_equal(STAT(table_shares), shares + 1);
	assert_int_equal(STAT(tables_shared), 1);
	/* Every leaf in the shared table is read-only. */
	for (int i = 0; i < NPAGES; i++)
		assert_false(pte_writable(pte_at(&child, VA + (uintptr_t)i * PAGE_SIZE)));
	check_and_destroy(&child, &parent);
}

static void second_fork_does_not_rescan_a_readonly_table(void **state)
{
	(void)state;
	struct vm_space parent, a, b;
	space_create(&parent);
	space_create(&a);
	space_create(&b);
	fill_pages(&parent, VA, 1, 0);
	assert_int_equal(fork_space(&parent, &a), 0);
	assert_true(table_is_readonly(table_pa(&parent, VA)));
	/* A writable leaf slipped in behind the mark would show: the second
	 * fork trusts the mark and leaves the entry alone. */
	pte_t *leaf = sv39_walk(parent.root, VA, 0);
	*leaf = pte_cow_resolved(*leaf);
	assert_int_equal(fork_space(&parent, &b), 0);
	assert_true(pte_writable(*leaf));
	*leaf = pte_cow_shared(*leaf);
	assert_int_equal(frame_refcount(table_pa(&parent, VA)), 3);
	struct vm_space *all[] = { &parent, &a, &b };
	assert_true(refs_consistent(all, 3));
	vm_space_destroy(&b);
	check_and_destroy(&a, &parent);
}

static void a_write_unshares_then_copies(void **state)
{
	(void)state;
	struct vm_space parent, child;
	spaces_create(&parent, &child);
	fill_pages(&parent, VA, NPAGES, 100);
	paddr_t shared_table = table_pa(&parent, VA);
	assert_int_equal(fork_space(&parent, &child), 0);
	uint64_t unshares = STAT(table_unshares), copies = STAT(cow_copies);
	assert_int_equal(poke(&child, VA, 7), 0);
	assert_int_equal(STAT(table_unshares), unshares + 1);
	assert_int_equal(STAT(cow_copies), copies + 1);
	/* The child has a table of its own; the parent keeps the old one. */
	assert_int_not_equal(table_pa(&child, VA), shared_table);
	assert_int_equal(table_pa(&parent, VA), shared_table);
	assert_int_equal(frame_refcount(shared_table), 1);
	/* The other pages are now mapped from two tables: two references. */
	assert_int_equal(frame_refcount(frame_at(&child, VA + PAGE_SIZE)), 2);
	assert_int_equal(peek(&parent, VA), 100);
	assert_int_equal(peek(&child, VA), 7);
	check_and_destroy(&child, &parent);
}

static void the_last_holder_reuses_its_table_in_place(void **state)
{
	(void)state;
	struct vm_space parent, child;
	spaces_create(&parent, &child);
	fill_pages(&parent, VA, NPAGES, 5);
	paddr_t table = table_pa(&parent, VA);
	paddr_t data = frame_at(&parent, VA);
	assert_int_equal(fork_space(&parent, &child), 0);
	vm_space_destroy(&child); /* as if it exited */
	uint64_t reuses = STAT(table_reuses), cow_reuses = STAT(cow_reuses);
	size_t free_before = frame_free_count();
	assert_int_equal(poke(&parent, VA, 6), 0);
	assert_int_equal(STAT(table_reuses), reuses + 1);
	assert_int_equal(STAT(cow_reuses), cow_reuses + 1);
	assert_int_equal(frame_free_count(), free_before); /* nothing new */
	assert_int_equal(table_pa(&parent, VA), table);
	assert_int_equal(frame_at(&parent, VA), data);
	assert_false(table_is_readonly(table)); /* a leaf is writable now */
	vm_space_destroy(&parent);
	assert_int_equal(frame_free_count(), baseline);
}

static void unmap_across_shared_tables(void **state)
{
	(void)state;
	struct vm_space parent, child;
	spaces_create(&parent, &child);
	/* Two whole 2 MiB blocks and the start of a third. */
	assert_int_equal(vm_alloc_range(&parent, BLOCK, 3 * BLOCK + 4 * PAGE_SIZE,
					VM_USER_RW), 0);
	assert_int_equal(fork_space(&parent, &child), 0);
	/* The child lets go of half the first block, the whole second and
	 * a page of the third. */
	uintptr_t lo = BLOCK + BLOCK / 2, hi = 3 * BLOCK + PAGE_SIZE;
	assert_int_equal(vm_unmap(&child, lo, hi), 0);
	assert_true(mapped(&child, lo - PAGE_SIZE));
	assert_false(mapped(&child, lo));
	assert_false(mapped(&child, 2 * BLOCK + BLOCK / 2));
	assert_false(mapped(&child, 3 * BLOCK));
	assert_true(mapped(&child, 3 * BLOCK + PAGE_SIZE));
	/* The parent still has everything. */
	for (uintptr_t va = BLOCK; va < 3 * BLOCK + 4 * PAGE_SIZE; va += PAGE_SIZE)
		assert_true(mapped(&parent, va));
	check_and_destroy(&child, &parent);
}

static void unmap_out_of_memory_changes_nothing(void **state)
{
	(void)state;
	struct vm_space parent, child;
	spaces_create(&parent, &child);
	fill_pages(&parent, VA, NPAGES, 0);
	assert_int_equal(fork_space(&parent, &child), 0);
	pte_t entry = table_entry(&child, VA);
	size_t before = frame_free_count();
	frame_fail_nth(1); /* the private copy of the shared table */
	assert_int_equal(vm_unmap(&child, VA + PAGE_SIZE, VA + 2 * PAGE_SIZE), -1);
	frame_fail_nth(0);
	assert_int_equal(table_entry(&child, VA), entry);
	assert_int_equal(frame_free_count(), before);
	assert_true(mapped(&child, VA + PAGE_SIZE));
	check_and_destroy(&child, &parent);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, cow_setup, cow_teardown)
	const struct CMUnitTest tests[] = {
		T(fork_shares_level0_tables_not_pages),
		T(second_fork_does_not_rescan_a_readonly_table),
		T(a_write_unshares_then_copies),
		T(the_last_holder_reuses_its_table_in_place),
		T(unmap_across_shared_tables),
		T(unmap_out_of_memory_changes_nothing),
	};
	return cmocka_run_group_tests_name("fork=table", tests, fork_mode_table,
					   NULL);
}
