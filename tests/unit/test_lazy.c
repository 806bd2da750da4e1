/*
 * The lazy lab's part of the fault table (docs/labs/lazy.md), over a
 * fake physical memory: an unmapped page inside a space's demand-zero
 * range reads as the zero frame and gets a frame of its own at its first
 * store; the kernel's copies fill such pages like user accesses; a failed
 * fill changes nothing; fork=copy shares the zero frame instead of copying
 * it.  The lazy handout leaves this file out (labs/lazy/handout.toml).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "cow_fixture.h"
#include "host.h"
#include "arch/scause.h"
#include "mm/fastpath.h"
#include "mm/fork.h"
#include "mm/uaccess.h"

#define VA 0x10000UL
#define LAZY 0x20000UL

static void demand_zero_read_then_write(void **state)
{
	(void)state;
	struct vm_space vs;
	space_create(&vs);
	vs.zero_lo = VA;
	vs.zero_hi = VA + 16 * PAGE_SIZE;
	paddr_t zero = vm_zero_frame();
	uint32_t zero_refs = frame_refcount(zero);
	uint64_t maps = STAT(zero_maps), fills = STAT(zero_fills);
	uint64_t cow_zero = STAT(cow_zero_fills), faults = STAT(cow_faults);
	uint64_t copies = STAT(cow_copies), reuses = STAT(cow_reuses);

	assert_int_equal(fault(&vs, VA + 5, EXC_LOAD_PAGE_FAULT), FAULT_ZERO_MAP);
	assert_int_equal(frame_at(&vs, VA), zero);
	assert_false(pte_writable(pte_at(&vs, VA)));
	assert_int_equal(frame_refcount(zero), zero_refs + 1);
	assert_int_equal(peek(&vs, VA), 0);
	assert_int_equal(STAT(zero_maps), maps + 1);
	/* Only the touched page was populated. */
	pte_t *next = sv39_walk(vs.root, VA + PAGE_SIZE, 0);
	assert_true(next == NULL || !pte_valid(*next));

	assert_int_equal(poke(&vs, VA, 99), 0);
	assert_int_not_equal(frame_at(&vs, VA), zero);
	assert_int_equal(frame_refcount(zero), zero_refs);
	/* A COW fault on the zero frame, counted once: vmstat's sum
	 * faults = copies + reuses + zero-frame stores holds. */
	assert_int_equal(STAT(cow_zero_fills), cow_zero + 1);
	assert_int_equal(STAT(cow_faults), faults + 1);
	assert_int_equal(STAT(cow_faults) - faults,
			 (STAT(cow_copies) - copies) + (STAT(cow_reuses) - reuses) +
				 (STAT(cow_zero_fills) - cow_zero));
	assert_int_equal(STAT(zero_fills), fills);
	assert_int_equal(*(uint64_t *)pa_to_kva(zero), 0); /* zero stays zero */

	/* A store to an untouched page gets a fresh frame directly. */
	assert_int_equal(poke(&vs, VA + 3 * PAGE_SIZE, 1), 0);
	assert_int_equal(STAT(zero_fills), fills + 1);
	assert_int_equal(STAT(cow_faults), faults + 1);
	struct vm_space *all[] = { &vs };
	assert_true(refs_consistent(all, 1));
	vm_space_destroy(&vs);
	assert_int_equal(frame_free_count(), baseline);
}

/* A space with two data pages at VA and four lazy ones at LAZY. */
static void lazy_space(struct vm_space *vs)
{
	space_create(vs);
	fill_pages(vs, VA, 2, 1000);
	vs->zero_lo = LAZY;
	vs->zero_hi = LAZY + 4 * PAGE_SIZE;
}

static void copyin_fills_demand_zero_pages(void **state)
{
	(void)state;
	struct vm_space parent;
	lazy_space(&parent);
	uint64_t v = 1;
	assert_int_equal(uaccess_copyin(&parent, &v, LAZY + PAGE_SIZE, sizeof v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(frame_at(&parent, LAZY + PAGE_SIZE), vm_zero_frame());
	v = 77; /* and a copy-out gives the page its own frame */
	assert_int_equal(uaccess_copyout(&parent, LAZY + PAGE_SIZE, &v, sizeof v), 0);
	assert_int_not_equal(frame_at(&parent, LAZY + PAGE_SIZE), vm_zero_frame());
	assert_int_equal(peek(&parent, LAZY + PAGE_SIZE), 77);
	/* Below and above the range nothing is filled in. */
	assert_int_equal(uaccess_copyout(&parent, LAZY - 3, "hel", 3), -1);
	assert_int_equal(uaccess_copyin(&parent, &v, LAZY + 4 * PAGE_SIZE, 1), -1);
	/* A lazy page reads as the empty string. */
	char buf[32];
	assert_int_equal(uaccess_copyinstr(&parent, buf, LAZY + 2 * PAGE_SIZE,
					   sizeof buf), 0);
	struct vm_space *all[] = { &parent };
	assert_true(refs_consistent(all, 1));
	vm_space_destroy(&parent);
	assert_int_equal(frame_free_count(), baseline);
}

static void zero_fault_failure_leaves_everything_as_before(void **state)
{
	(void)state;
	struct vm_space vs;
	space_create(&vs);
	vs.zero_lo = 0x40000000UL; /* a range with no tables yet */
	vs.zero_hi = 0x40000000UL + PAGE_SIZE;
	size_t before = frame_free_count();
	uint32_t zero_refs = frame_refcount(vm_zero_frame());
	frame_fail_nth(1); /* the zero fill's frame */
	assert_int_equal(fault(&vs, vs.zero_lo, EXC_STORE_PAGE_FAULT),
			 FAULT_NO_MEMORY);
	frame_fail_nth(2); /* the level-1 table under a fresh frame */
	assert_int_equal(fault(&vs, vs.zero_lo, EXC_STORE_PAGE_FAULT),
			 FAULT_NO_MEMORY);
	frame_fail_nth(1); /* the table for a zero-frame load */
	assert_int_equal(fault(&vs, vs.zero_lo, EXC_LOAD_PAGE_FAULT),
			 FAULT_NO_MEMORY);
	frame_fail_nth(0);
	assert_int_equal(frame_refcount(vm_zero_frame()), zero_refs);
	assert_int_equal(frame_free_count(), before);
	vm_space_destroy(&vs);
	assert_int_equal(frame_free_count(), baseline);
}

/* fork=copy gives the child a frame for every page but the zero frame's:
 * nobody writes the zero frame, so one more reference does. */
static void copy_shares_the_zero_frame(void **state)
{
	(void)state;
	struct vm_space parent, child;
	lazy_space(&parent);
	space_create(&child);
	assert_int_equal(fault(&parent, LAZY, EXC_LOAD_PAGE_FAULT),
			 FAULT_ZERO_MAP);
	uint32_t zero_refs = frame_refcount(vm_zero_frame());
	assert_int_equal(fork_space(&parent, &child), 0);
	assert_int_equal(frame_at(&child, LAZY), vm_zero_frame());
	assert_int_equal(frame_refcount(vm_zero_frame()), zero_refs + 1);
	assert_int_not_equal(frame_at(&child, VA), frame_at(&parent, VA));
	assert_int_equal(child.zero_lo, parent.zero_lo);
	assert_int_equal(child.zero_hi, parent.zero_hi);
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
		T(demand_zero_read_then_write),
		T(copyin_fills_demand_zero_pages),
		T(zero_fault_failure_leaves_everything_as_before),
	};
	const struct CMUnitTest copy_tests[] = {
		T(copy_shares_the_zero_frame),
	};
	int failed = run_in_sharing_modes(tests, sizeof tests / sizeof tests[0]);
	return failed | cmocka_run_group_tests_name("fork=copy", copy_tests,
						    fork_mode_copy, NULL);
}
