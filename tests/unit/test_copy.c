/*
 * fork=copy (mm/copy.c) over a fake physical memory: the child gets its
 * own frame for every page, with the same bytes and permissions, so
 * nothing faults later (test_lazy.c: the zero frame is shared), and a failure
 * at any allocation leaves the parent as it was and frees every frame.
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
#include "mm/fastpath.h"
#include "mm/fork.h"

#define VA 0x10000UL

static void copy_gives_private_frames_with_the_same_bytes(void **state)
{
	(void)state;
	struct vm_space parent, child;
	space_create(&parent);
	space_create(&child);
	assert_int_equal(vm_alloc_range(&parent, 0, PAGE_SIZE, TEXT_PERM), 0);
	fill_pages(&parent, VA, 4, 100);
	pte_t before = pte_at(&parent, VA);

	assert_int_equal(fork_space(&parent, &child), 0);
	for (int i = 0; i < 4; i++) {
		uintptr_t va = VA + (uintptr_t)i * PAGE_SIZE;
		assert_int_not_equal(frame_at(&child, va), frame_at(&parent, va));
		assert_int_equal(peek(&child, va), 100 + (uint64_t)i);
		assert_int_equal(frame_refcount(frame_at(&child, va)), 1);
		assert_int_equal(frame_refcount(frame_at(&parent, va)), 1);
		assert_true(pte_writable(pte_at(&child, va)));
		assert_false(pte_is_cow(pte_at(&child, va)));
	}
	assert_int_equal(pte_at(&parent, VA), before); /* untouched */
	/* Text is copied too, and stays read-only. */
	assert_int_not_equal(frame_at(&child, 0), frame_at(&parent, 0));
	assert_false(pte_writable(pte_at(&child, 0)));
	assert_true(pte_executable(pte_at(&child, 0)));

	/* A store needs no fault, and the other side never sees it. */
	uint64_t faults = STAT(cow_faults);
	assert_int_equal(poke(&child, VA, 7), 0);
	assert_int_equal(peek(&parent, VA), 100);
	assert_int_equal(STAT(cow_faults), faults);
	struct vm_space *all[] = { &parent, &child };
	assert_true(refs_consistent(all, 2));
	vm_space_destroy(&child);
	vm_space_destroy(&parent);
	assert_int_equal(frame_free_count(), baseline);
}

/* lab cow: begin */
/* A page left COW by a fork in another mode: the copy is the child's own,
 * so it is writable there; the parent's stays COW. */
static void a_cow_page_becomes_writable_in_the_copy(void **state)
{
	(void)state;
	struct vm_space parent, sibling, child;
	space_create(&parent);
	space_create(&sibling);
	space_create(&child);
	fill_pages(&parent, VA, 1, 5);
	fork_set_mode(FORK_PTE);
	assert_int_equal(fork_space(&parent, &sibling), 0);
	fork_set_mode(FORK_COPY);
	assert_true(pte_is_cow(pte_at(&parent, VA)));
	assert_int_equal(fork_space(&parent, &child), 0);
	assert_true(pte_writable(pte_at(&child, VA)));
	assert_false(pte_is_cow(pte_at(&child, VA)));
	assert_true(pte_is_cow(pte_at(&parent, VA)));
	assert_int_equal(frame_refcount(frame_at(&parent, VA)), 2);
	assert_int_equal(peek(&child, VA), 5);
	struct vm_space *all[] = { &parent, &sibling, &child };
	assert_true(refs_consistent(all, 3));
	vm_space_destroy(&child);
	vm_space_destroy(&sibling);
	vm_space_destroy(&parent);
	assert_int_equal(frame_free_count(), baseline);
}
/* lab cow: end */

/* Fail the n-th allocation of a copy, for every n there is. */
static void copy_failure_leaves_everything_as_before(void **state)
{
	(void)state;
	struct vm_space parent, child;
	space_create(&parent);
	fill_pages(&parent, VA, 2, 10);
	fill_pages(&parent, 0x40000000UL, 1, 20);   /* another root slot */
	fill_pages(&parent, 0x2000000000UL, 1, 30); /* and another */
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
		assert_int_equal(frame_refcount(frame_at(&parent, VA)), 1);
		for (int i = 0; i < SV39_USER_ENTRIES; i++)
			assert_false(pte_valid(child.root[i]));
		vm_space_destroy(&child);
	}
	/* Three level-1 tables, three level-0 tables, four frames. */
	assert_int_equal(failures, 10);
	struct vm_space *all[] = { &parent, &child };
	assert_true(refs_consistent(all, 2));
	vm_space_destroy(&child);
	vm_space_destroy(&parent);
	assert_int_equal(frame_free_count(), baseline);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, cow_setup, cow_teardown)
	const struct CMUnitTest tests[] = {
		T(copy_gives_private_frames_with_the_same_bytes),
		/* lab cow: begin */
		T(a_cow_page_becomes_writable_in_the_copy),
		/* lab cow: end */
		T(copy_failure_leaves_everything_as_before),
	};
	return cmocka_run_group_tests_name("fork=copy", tests, fork_mode_copy,
					   NULL);
}
