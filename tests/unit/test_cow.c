/*
 * Copy-on-write sharing and the fault path over a fake physical memory.
 * Each test sets up spaces, acts through fork_space / fault_resolve, and
 * checks contents, reference counts, counters and the free-frame total.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "cow_fixture.h"
#include "host.h"
#include "mm/refcheck.h"
#include "arch/scause.h"
#include "mm/fastpath.h"
#include "mm/fork.h"

#define VA 0x10000UL
#define NPAGES 4

static void share_then_write_from_each_side(void **state)
{
	(void)state;
	struct vm_space parent, child;
	space_create(&parent);
	space_create(&child);
	fill_pages(&parent, VA, NPAGES, 100);
	paddr_t original = frame_at(&parent, VA);
	assert_int_equal(fork_space(&parent, &child), 0);

	for (int i = 0; i < NPAGES; i++) {
		uintptr_t va = VA + (uintptr_t)i * PAGE_SIZE;
		assert_int_equal(frame_at(&parent, va), frame_at(&child, va));
		assert_int_equal(mappers(&parent, va), 2);
		assert_true(pte_is_cow(pte_at(&parent, va)));
		assert_false(pte_writable(pte_at(&parent, va)));
		assert_true(pte_is_cow(pte_at(&child, va)));
	}
	/* The child writes first: it gets a copy, the parent keeps its data. */
	assert_int_equal(poke(&child, VA, 7), 0);
	assert_int_not_equal(frame_at(&child, VA), original);
	assert_int_equal(peek(&child, VA), 7);
	assert_int_equal(peek(&parent, VA), 100);
	assert_int_equal(frame_refcount(original), 1);
	/* The parent writes second: it is now the sole owner and reuses. */
	assert_int_equal(poke(&parent, VA, 8), 0);
	assert_int_equal(frame_at(&parent, VA), original);
	assert_int_equal(peek(&parent, VA), 8);
	assert_int_equal(peek(&child, VA), 7);
	/* Untouched pages are still shared, with the data of before. */
	assert_int_equal(peek(&child, VA + PAGE_SIZE), 101);
	assert_int_equal(frame_refcount(frame_at(&child, VA + PAGE_SIZE)), 2);

	struct vm_space *all[] = { &parent, &child };
	assert_true(refs_consistent(all, 2));
	vm_space_destroy(&child);
	vm_space_destroy(&parent);
	assert_int_equal(frame_free_count(), baseline);
}

static void parent_writes_first_then_child(void **state)
{
	(void)state;
	struct vm_space parent, child;
	space_create(&parent);
	space_create(&child);
	fill_pages(&parent, VA, 1, 5);
	assert_int_equal(fork_space(&parent, &child), 0);
	uint64_t copies = STAT(cow_copies), reuses = STAT(cow_reuses);
	assert_int_equal(poke(&parent, VA, 6), 0);
	assert_int_equal(poke(&child, VA, 9), 0);
	assert_int_equal(peek(&parent, VA), 6);
	assert_int_equal(peek(&child, VA), 9);
	assert_int_equal(STAT(cow_copies), copies + 1);
	assert_int_equal(STAT(cow_reuses), reuses + 1);
	vm_space_destroy(&child);
	vm_space_destroy(&parent);
	assert_int_equal(frame_free_count(), baseline);
}

/* What the fault says it did is what it did: the tracer prints this
 * report and nothing else (proc/trace.c). */
static void fault_reports_the_copy_and_the_reuse(void **state)
{
	(void)state;
	struct vm_space parent, child;
	space_create(&parent);
	space_create(&child);
	fill_pages(&parent, VA, 1, 5);
	paddr_t original = frame_at(&parent, VA);
	assert_int_equal(fork_space(&parent, &child), 0);
	int by_table = fork_mode() == FORK_TABLE;

	struct fault_report r;
	assert_int_equal(fault_resolve(&child, VA, EXC_STORE_PAGE_FAULT, &r),
			 FAULT_COW_COPY);
	assert_int_equal(r.outcome, FAULT_COW_COPY);
	assert_int_equal(r.table_refs, by_table ? 2 : 1);
	assert_int_equal(r.frame_before, original);
	assert_int_equal(r.frame_after, frame_at(&child, VA));
	assert_int_not_equal(r.frame_after, original);
	assert_int_equal(r.refs_before, 2);
	assert_int_equal(r.refs_after, 1);
	/* A shared table is copied first (its own trace event); a table of
	 * our own is not touched. */
	if (by_table) {
		assert_int_not_equal(r.table_after, 0);
		assert_int_not_equal(r.table_after, r.table_before);
	} else {
		assert_int_equal(r.table_after, 0);
	}

	assert_int_equal(fault_resolve(&parent, VA, EXC_STORE_PAGE_FAULT, &r),
			 FAULT_COW_REUSE);
	assert_int_equal(r.table_refs, 1);
	/* The others gone, the marked table is taken over in place. */
	assert_int_equal(r.table_after, by_table ? r.table_before : 0);
	assert_int_equal(r.frame_before, original);
	assert_int_equal(r.frame_after, original);
	assert_int_equal(r.refs_before, 1);
	assert_int_equal(r.refs_after, 1);

	/* A refused fault reports no frames at all. */
	assert_int_equal(fault_resolve(&parent, USER_TOP, EXC_LOAD_PAGE_FAULT, &r),
			 FAULT_BAD_ADDRESS);
	assert_int_equal(r.frame_before | r.frame_after, 0);
	assert_int_equal(r.refs_before | r.refs_after | r.table_refs, 0);
	vm_space_destroy(&child);
	vm_space_destroy(&parent);
	assert_int_equal(frame_free_count(), baseline);
}

static void sole_owner_write_reuses_frame_without_copy(void **state)
{
	(void)state;
	struct vm_space parent, child;
	space_create(&parent);
	space_create(&child);
	fill_pages(&parent, VA, 1, 42);
	paddr_t frame = frame_at(&parent, VA);
	assert_int_equal(fork_space(&parent, &child), 0);
	vm_space_destroy(&child); /* as if the child exec'd or exited */
	assert_int_equal(frame_refcount(frame), 1);
	assert_true(pte_is_cow(pte_at(&parent, VA)));

	uint64_t faults = STAT(cow_faults), copies = STAT(cow_copies);
	uint64_t reuses = STAT(cow_reuses);
	size_t free_before = frame_free_count();
	assert_int_equal(fault(&parent, VA, EXC_STORE_PAGE_FAULT),
			 FAULT_COW_REUSE);
	assert_int_equal(STAT(cow_faults), faults + 1);
	assert_int_equal(STAT(cow_reuses), reuses + 1);
	assert_int_equal(STAT(cow_copies), copies); /* no copy */
	assert_int_equal(frame_free_count(), free_before); /* no allocation */
	assert_int_equal(frame_at(&parent, VA), frame);
	assert_true(pte_writable(pte_at(&parent, VA)));
	assert_false(pte_is_cow(pte_at(&parent, VA)));
	assert_int_equal(peek(&parent, VA), 42);
	vm_space_destroy(&parent);
}

static void read_only_text_stays_read_only(void **state)
{
	(void)state;
	struct vm_space parent, child;
	space_create(&parent);
	space_create(&child);
	assert_int_equal(vm_alloc_range(&parent, 0, PAGE_SIZE, TEXT_PERM), 0);
	assert_int_equal(fork_space(&parent, &child), 0);
	pte_t p = pte_at(&parent, 0), c = pte_at(&child, 0);
	assert_false(pte_is_cow(p) || pte_is_cow(c));
	assert_false(pte_writable(p) || pte_writable(c));
	assert_true(pte_executable(c));
	assert_int_equal(fault(&child, 0, EXC_STORE_PAGE_FAULT),
			 FAULT_PROTECTION);
	assert_int_equal(fault(&parent, 0, EXC_STORE_PAGE_FAULT),
			 FAULT_PROTECTION);
	assert_int_equal(pte_at(&child, 0), c);
	assert_int_equal(mappers(&child, 0), 2);
	/* Reading and executing it stays fine. */
	assert_int_equal(fault(&child, 0, EXC_INST_PAGE_FAULT), FAULT_STALE_TLB);
	vm_space_destroy(&child);
	vm_space_destroy(&parent);
	assert_int_equal(frame_free_count(), baseline);
}

static void invalid_faults_are_errors_not_panics(void **state)
{
	(void)state;
	struct vm_space vs;
	space_create(&vs);
	vs.zero_lo = VA;
	vs.zero_hi = VA + PAGE_SIZE;
	assert_int_equal(sv39_map(vs.root, 0x5000, frame_alloc(FRAME_ZERO),
				  PAGE_SIZE, PTE_R | PTE_W), 0); /* no U bit */
	assert_int_equal(fault(&vs, VA, EXC_INST_PAGE_FAULT), FAULT_UNMAPPED);
	assert_int_equal(fault(&vs, VA + PAGE_SIZE, EXC_LOAD_PAGE_FAULT),
			 FAULT_UNMAPPED);
	assert_int_equal(fault(&vs, 0x5000, EXC_LOAD_PAGE_FAULT),
			 FAULT_PROTECTION);
	assert_int_equal(fault(&vs, USER_TOP, EXC_STORE_PAGE_FAULT),
			 FAULT_BAD_ADDRESS);
	assert_int_equal(fault(&vs, ~0UL, EXC_LOAD_PAGE_FAULT),
			 FAULT_BAD_ADDRESS);
	assert_int_equal(fault(&vs, 0xffffffc080000000UL, EXC_LOAD_PAGE_FAULT),
			 FAULT_BAD_ADDRESS);
	assert_int_equal(fault(&vs, VA, EXC_LOAD_ACCESS), FAULT_PROTECTION);
	vm_space_destroy(&vs);
	assert_int_equal(frame_free_count(), baseline);
}

static void destroying_either_side_drops_its_references(void **state)
{
	(void)state;
	struct vm_space parent, child;
	space_create(&parent);
	space_create(&child);
	fill_pages(&parent, VA, NPAGES, 0);
	fill_pages(&parent, 0x3000000000UL, 1, 0); /* another subtree */
	assert_int_equal(fork_space(&parent, &child), 0);
	vm_space_destroy(&parent);
	for (int i = 0; i < NPAGES; i++)
		assert_int_equal(frame_refcount(frame_at(&child, VA + (uintptr_t)i * PAGE_SIZE)), 1);
	size_t free_before = frame_free_count();
	assert_int_equal(vm_unmap(&child, VA, VA + NPAGES * PAGE_SIZE), 0);
	assert_true(frame_free_count() >= free_before + NPAGES);
	vm_space_destroy(&child);
	assert_int_equal(frame_free_count(), baseline);
}

/* exec's switch: the process keeps its root page (other harts may have it
 * in satp), its old mappings go, the new image's appear under it, and the
 * new image's own root is freed.  With a parent sharing the old pages,
 * those stay the parent's. */
static void replace_keeps_the_root_and_takes_the_new_mappings(void **state)
{
	(void)state;
	struct vm_space parent, child, image;
	space_create(&parent);
	space_create(&child);
	fill_pages(&parent, VA, NPAGES, 0);
	assert_int_equal(fork_space(&parent, &child), 0);
	space_create(&image);
	fill_pages(&image, 0x3000000000UL, 2, 70);
	pagetable_t root = child.root;
	paddr_t image_root = kva_to_pa(image.root);
	size_t free_before = frame_free_count();
	vm_space_replace(&child, &image);
	assert_ptr_equal(child.root, root);
	assert_ptr_equal(image.root, 0);
	assert_int_equal(child.asid_gen, 0); /* a fresh ASID at its next switch */
	assert_int_equal(child.last_hart, -1);
	assert_int_equal(peek(&child, 0x3000000000UL + PAGE_SIZE), 71);
	paddr_t pa;
	pte_t flags;
	assert_int_equal(sv39_translate(child.root, VA, &pa, &flags), -1);
	for (int i = 0; i < NPAGES; i++)
		assert_int_equal(frame_refcount(frame_at(&parent, VA + (uintptr_t)i * PAGE_SIZE)), 1);
	/* The image's root page came back, and nothing else changed hands. */
	assert_true(frame_free_count() > free_before);
	assert_int_equal(frame_refcount(image_root), 0);
	struct vm_space *all[] = { &parent, &child };
	assert_true(refs_consistent(all, 2));
	vm_space_destroy(&child);
	vm_space_destroy(&parent);
	assert_int_equal(frame_free_count(), baseline);
}

static void fork_chain_diverges_at_every_level(void **state)
{
	(void)state;
	struct vm_space gen[4];
	space_create(&gen[0]);
	fill_pages(&gen[0], VA, 2, 0);
	for (int g = 1; g < 4; g++) {
		space_create(&gen[g]);
		assert_int_equal(fork_space(&gen[g - 1], &gen[g]), 0);
		assert_int_equal(poke(&gen[g], VA, (uint64_t)g * 10), 0);
	}
	assert_int_equal(frame_refcount(frame_at(&gen[0], VA + PAGE_SIZE)), 4);
	for (int g = 0; g < 4; g++) {
		assert_int_equal(peek(&gen[g], VA), (uint64_t)g * 10);
		assert_int_equal(peek(&gen[g], VA + PAGE_SIZE), 1);
	}
	struct vm_space *all[] = { &gen[0], &gen[1], &gen[2], &gen[3] };
	assert_true(refs_consistent(all, 4));
	for (int g = 0; g < 4; g++)
		vm_space_destroy(&gen[g]);
	assert_int_equal(frame_free_count(), baseline);
}

/* Fail the n-th allocation of a share, for every n that matters. */
static void share_failure_leaves_everything_as_before(void **state)
{
	(void)state;
	struct vm_space parent, child;
	space_create(&parent);
	fill_pages(&parent, VA, 2, 10);
	fill_pages(&parent, 0x40000000UL, 1, 20);   /* another level-1 table */
	fill_pages(&parent, 0x2000000000UL, 1, 30); /* another root slot */
	int failures = 0;
	for (uint64_t n = 1;; n++) {
		space_create(&child);
		size_t before = frame_free_count();
		frame_fail_nth(n);
		int r = fork_space(&parent, &child);
		frame_fail_nth(0);
		if (r == 0)
			break;
		failures++;
		assert_int_equal(frame_free_count(), before);
		assert_true(pte_writable(pte_at(&parent, VA)));
		assert_false(pte_is_cow(pte_at(&parent, VA)));
		assert_int_equal(frame_refcount(frame_at(&parent, VA)), 1);
		for (int i = 0; i < SV39_USER_ENTRIES; i++)
			assert_false(pte_valid(child.root[i]));
		vm_space_destroy(&child);
	}
	/* The child needs six table pages of its own, or (sharing level-0
	 * tables) only its three level-1 tables. */
	assert_int_equal(failures, fork_mode() == FORK_PTE ? 6 : 3);
	struct vm_space *all[] = { &parent, &child };
	assert_true(refs_consistent(all, 2));
	vm_space_destroy(&child);
	vm_space_destroy(&parent);
	assert_int_equal(frame_free_count(), baseline);
}

static void fault_failure_leaves_everything_as_before(void **state)
{
	(void)state;
	struct vm_space parent, child;
	space_create(&parent);
	space_create(&child);
	fill_pages(&parent, VA, 1, 3);
	assert_int_equal(fork_space(&parent, &child), 0);
	size_t before = frame_free_count();
	pte_t pte = pte_at(&child, VA);

	frame_fail_nth(1); /* the copy's frame (or first the table's copy) */
	assert_int_equal(fault(&child, VA, EXC_STORE_PAGE_FAULT), FAULT_NO_MEMORY);
	frame_fail_nth(0);

	assert_int_equal(pte_at(&child, VA), pte);
	assert_int_equal(mappers(&child, VA), 2);
	assert_int_equal(frame_free_count(), before);
	struct vm_space *all[] = { &parent, &child };
	assert_true(refs_consistent(all, 2));
	vm_space_destroy(&child);
	vm_space_destroy(&parent);
	assert_int_equal(frame_free_count(), baseline);
}

static void print_into(const char *line);
static char report[4][128];
static int report_lines;

static void print_into(const char *line)
{
	if (report_lines < 4)
		snprintf(report[report_lines], sizeof report[0], "%s", line);
	report_lines++;
}

static void checker_catches_a_corrupted_count(void **state)
{
	(void)state;
	struct vm_space parent, child;
	space_create(&parent);
	space_create(&child);
	fill_pages(&parent, VA, 2, 0);
	assert_int_equal(fork_space(&parent, &child), 0);
	struct vm_space *all[] = { &parent, &child };
	assert_true(refs_consistent(all, 2));

	paddr_t victim = frame_at(&parent, VA + PAGE_SIZE);
	frame_ref(victim); /* a reference nobody will ever drop */
	struct refcheck_mismatch m;
	assert_int_equal(vm_check_refs(all, 2, 0, 0, &m), 1);
	/* Two leaves map it, or one leaf in a table both spaces share. */
	uint32_t leaves = fork_mode() == FORK_PTE ? 2 : 1;
	assert_int_equal(m.pa, victim);
	assert_int_equal(m.refs, leaves + 1);
	assert_int_equal(m.expected, leaves);
	pagetable_t roots[] = { parent.root, child.root };
	report_lines = 0;
	refcheck_report(&m, roots, 2, print_into);
	assert_int_equal(report_lines, 3); /* the summary and both PTEs */
	assert_non_null(strstr(report[1], "va 0x11000"));
	assert_non_null(strstr(report[2], "(cow)"));
	frame_unref(victim);
	assert_true(refs_consistent(all, 2));
	vm_space_destroy(&child);
	vm_space_destroy(&parent);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, cow_setup, cow_teardown)
	const struct CMUnitTest tests[] = {
		T(share_then_write_from_each_side),
		T(parent_writes_first_then_child),
		T(fault_reports_the_copy_and_the_reuse),
		T(sole_owner_write_reuses_frame_without_copy),
		T(read_only_text_stays_read_only),
		T(invalid_faults_are_errors_not_panics),
		T(destroying_either_side_drops_its_references),
		T(replace_keeps_the_root_and_takes_the_new_mappings),
		T(fork_chain_diverges_at_every_level),
		T(share_failure_leaves_everything_as_before),
		T(fault_failure_leaves_everything_as_before),
		T(checker_catches_a_corrupted_count),
	};
	return run_in_sharing_modes(tests, sizeof tests / sizeof tests[0]);
}
