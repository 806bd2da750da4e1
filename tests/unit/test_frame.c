/*
 * The frame allocator over a fake physical memory of 256 frames with two
 * holes, checked frame by frame.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "host.h"
#include "mm/frame.h"
#include "mm/fastpath.h"

#define RAM_BYTES (256 * PAGE_SIZE)
#define IMAGE_HOLE_END (FAKE_RAM_BASE + 16 * PAGE_SIZE)
#define MIDDLE_HOLE (FAKE_RAM_BASE + 128 * PAGE_SIZE)
/* 256 frames - 16 (image) - 1 (middle hole) - 1 (metadata page) */
#define MANAGED 238

static int setup(void **state)
{
	(void)state;
	struct mem_range holes[] = {
		{ FAKE_RAM_BASE, 16 * PAGE_SIZE },
		{ MIDDLE_HOLE + 100, 8 }, /* any overlap withholds the page */
	};
	fake_ram_init(RAM_BYTES, holes, 2);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fake_ram_release();
	return 0;
}

static int cmp_pa(const void *a, const void *b)
{
	paddr_t x = *(const paddr_t *)a, y = *(const paddr_t *)b;
	return x < y ? -1 : x > y;
}

static void init_manages_all_ram_outside_holes(void **state)
{
	(void)state;
	assert_int_equal(frame_managed_count(), MANAGED);
	assert_int_equal(frame_free_count(), MANAGED);
	assert_false(frame_is_managed(FAKE_RAM_BASE));
	assert_false(frame_is_managed(MIDDLE_HOLE));
	assert_false(frame_is_managed(IMAGE_HOLE_END)); /* metadata lives here */
	assert_true(frame_is_managed(IMAGE_HOLE_END + PAGE_SIZE));
	assert_false(frame_is_managed(FAKE_RAM_BASE + RAM_BYTES));
}

/* Each hart keeps free frames on a stack of its own (mm/frame_alloc.c).
 * Frames another hart holds back must still be handed out when nothing
 * else is left, and count as free all along. */
static void frames_another_hart_holds_are_not_lost(void **state)
{
	(void)state;
	paddr_t first = frame_alloc(0); /* hart 0 takes a batch */
	frame_unref(first);
	assert_int_equal(frame_free_count(), MANAGED);
	host_set_hart(1);
	static paddr_t got[MANAGED];
	int n = 0;
	while (n < MANAGED && (got[n] = frame_alloc(0)) != 0)
		n++;
	assert_int_equal(n, MANAGED);
	assert_int_equal(frame_alloc(0), 0);
	assert_int_equal(frame_free_count(), 0);
	for (int i = 0; i < n; i++)
		frame_unref(got[i]);
	host_set_hart(0);
	assert_int_equal(frame_free_count(), MANAGED);
}

static void lowest_frames_are_handed_out_first(void **state)
{
	(void)state;
	paddr_t pa = frame_alloc(0);
	assert_int_equal(pa, IMAGE_HOLE_END + PAGE_SIZE);
	frame_unref(pa);
}

static void every_frame_is_distinct_aligned_and_outside_holes(void **state)
{
	(void)state;
	static paddr_t got[MANAGED];
	for (int i = 0; i < MANAGED; i++) {
		got[i] = frame_alloc(0);
		assert_int_not_equal(got[i], 0);
		assert_int_equal(got[i] & (PAGE_SIZE - 1), 0);
		assert_true(got[i] > IMAGE_HOLE_END);
		assert_true(got[i] < FAKE_RAM_BASE + RAM_BYTES);
		assert_int_not_equal(got[i], MIDDLE_HOLE);
	}
	assert_int_equal(frame_alloc(0), 0); /* exhausted */
	assert_int_equal(frame_free_count(), 0);
	qsort(got, MANAGED, sizeof got[0], cmp_pa);
	for (int i = 1; i < MANAGED; i++)
		assert_true(got[i] != got[i - 1]);
	for (int i = 0; i < MANAGED; i++)
		frame_unref(got[i]);
	assert_int_equal(frame_free_count(), MANAGED);
}

static void zero_flag_clears_the_frame(void **state)
{
	(void)state;
	paddr_t pa = frame_alloc(0);
	memset(pa_to_kva(pa), 0x77, PAGE_SIZE);
	frame_unref(pa);
	paddr_t again = frame_alloc(FRAME_ZERO);
	assert_int_equal(again, pa); /* LIFO: the dirty frame comes back */
	const uint8_t *bytes = pa_to_kva(again);
	for (size_t i = 0; i < PAGE_SIZE; i++)
		assert_int_equal(bytes[i], 0);
	frame_unref(again);
}

static void count_reaches_zero_only_after_last_unref(void **state)
{
	(void)state;
	paddr_t pa = frame_alloc(0);
	assert_int_equal(frame_refcount(pa), 1);
	frame_ref(pa);
	frame_ref(pa);
	assert_int_equal(frame_refcount(pa), 3);
	frame_unref(pa);
	frame_unref(pa);
	assert_int_equal(frame_free_count(), MANAGED - 1);
	frame_unref(pa);
	assert_int_equal(frame_free_count(), MANAGED);
}

static void freed_frames_are_poisoned(void **state)
{
	(void)state;
	paddr_t pa = frame_alloc(FRAME_ZERO);
	frame_unref(pa);
	const uint8_t *bytes = pa_to_kva(pa);
	/* The first word holds the free-list link. */
	for (size_t i = sizeof(paddr_t); i < PAGE_SIZE; i++)
		assert_int_equal(bytes[i], 0x5a);
}

static void double_free_panics(void **state)
{
	(void)state;
	paddr_t pa = frame_alloc(0);
	frame_unref(pa);
	expect_assert_failure(frame_unref(pa));
	assert_int_equal(frame_free_count(), MANAGED);
}

static void reference_to_free_frame_panics(void **state)
{
	(void)state;
	paddr_t pa = frame_alloc(0);
	frame_unref(pa);
	expect_assert_failure(frame_ref(pa));
}

static void bad_addresses_panic(void **state)
{
	(void)state;
	expect_assert_failure(frame_unref(IMAGE_HOLE_END + PAGE_SIZE + 8));
	expect_assert_failure(frame_unref(FAKE_RAM_BASE - PAGE_SIZE));
	expect_assert_failure(frame_unref(FAKE_RAM_BASE + RAM_BYTES));
	expect_assert_failure(frame_unref(FAKE_RAM_BASE)); /* a hole */
	expect_assert_failure(frame_ref(MIDDLE_HOLE));
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(init_manages_all_ram_outside_holes),
		T(lowest_frames_are_handed_out_first),
		T(every_frame_is_distinct_aligned_and_outside_holes),
		T(zero_flag_clears_the_frame),
		T(count_reaches_zero_only_after_last_unref),
		T(freed_frames_are_poisoned),
		T(frames_another_hart_holds_are_not_lost),
		T(double_free_panics),
		T(reference_to_free_frame_panics),
		T(bad_addresses_panic),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
