/*
 * Page-table code over a fake physical memory: tables are real frames of
 * the fake RAM, so every reference and every table page can be counted.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "host.h"
#include "mm/frame.h"
#include "mm/sv39.h"
#include "mm/fastpath.h"

#define RAM_BYTES (4UL << 20)
#define URW (PTE_U | PTE_R | PTE_W)

static size_t baseline;
static pagetable_t root;

static int setup(void **state)
{
	(void)state;
	fake_ram_init(RAM_BYTES, 0, 0);
	baseline = frame_free_count();
	root = sv39_alloc_table();
	assert_non_null(root);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fake_ram_release();
	return 0;
}

/* Maps a fresh frame at va; the PTE takes over the allocation's reference. */
static paddr_t map_new_frame(uintptr_t va, pte_t perm)
{
	paddr_t pa = frame_alloc(FRAME_ZERO);
	assert_int_not_equal(pa, 0);
	assert_int_equal(sv39_map(root, va, pa, PAGE_SIZE, perm), 0);
	return pa;
}

static void map_then_translate(void **state)
{
	(void)state;
	paddr_t pa = map_new_frame(0x5000, URW);
	paddr_t got;
	pte_t flags;
	assert_int_equal(sv39_translate(root, 0x5123, &got, &flags), 0);
	assert_int_equal(got, pa + 0x123);
	assert_int_equal(flags, PTE_V | PTE_U | PTE_R | PTE_W | PTE_A | PTE_D);
	assert_int_equal(sv39_translate(root, 0x6000, &got, &flags), -1);
	/* Root + one level-1 table + one level-0 table + the frame. */
	assert_int_equal(frame_free_count(), baseline - 4);
}

static void neighbours_share_tables(void **state)
{
	(void)state;
	map_new_frame(0x1000, URW);
	size_t after_first = frame_free_count();
	map_new_frame(0x2000, URW);
	assert_int_equal(frame_free_count(), after_first - 1); /* no new table */
	map_new_frame(SV39_MEGAPAGE, URW); /* next level-0 table */
	assert_int_equal(frame_free_count(), after_first - 3);
}

static void remap_panics(void **state)
{
	(void)state;
	paddr_t pa = map_new_frame(0x1000, URW);
	expect_assert_failure(sv39_map(root, 0x1000, pa, PAGE_SIZE, URW));
}

static void large_mappings_use_megapages(void **state)
{
	(void)state;
	size_t before = frame_free_count();
	const uintptr_t va = 0x40000000;
	assert_int_equal(sv39_map_large(root, va, FAKE_RAM_BASE, 2 * SV39_MEGAPAGE,
					PTE_R | PTE_W), 0);
	assert_int_equal(frame_free_count(), before - 1); /* one level-1 table */
	paddr_t pa;
	pte_t flags;
	assert_int_equal(sv39_translate(root, va + SV39_MEGAPAGE + 0x1234, &pa, &flags), 0);
	assert_int_equal(pa, FAKE_RAM_BASE + SV39_MEGAPAGE + 0x1234);
	assert_null(sv39_walk(root, va, 0)); /* no level-0 slot under a megapage */
	/* An unaligned tail falls back to 4 KiB pages. */
	assert_int_equal(sv39_map_large(root, va + 4 * SV39_MEGAPAGE, FAKE_RAM_BASE,
					3 * PAGE_SIZE, PTE_R), 0);
	assert_non_null(sv39_walk(root, va + 4 * SV39_MEGAPAGE, 0));
}

/* Exhaust memory, then ask for a mapping that crosses into a level-0 table
 * that does not exist yet: the call must fail and undo its first half. */
static void map_failure_undoes_partial_work(void **state)
{
	(void)state;
	const uintptr_t va = SV39_MEGAPAGE - PAGE_SIZE;
	map_new_frame(va - PAGE_SIZE, URW); /* builds the first level-0 table */
	paddr_t hog = 0, pa;
	while ((pa = frame_alloc(0)) != 0) {
		*(paddr_t *)pa_to_kva(pa) = hog;
		hog = pa;
	}
	assert_int_equal(sv39_map(root, va, FAKE_RAM_BASE, 2 * PAGE_SIZE, URW), -1);
	assert_null(sv39_walk(root, SV39_MEGAPAGE, 0));
	pte_t *slot = sv39_walk(root, va, 0);
	assert_non_null(slot);
	assert_false(pte_valid(*slot));
	while (hog) {
		paddr_t next = *(paddr_t *)pa_to_kva(hog);
		frame_unref(hog);
		hog = next;
	}
}

static void destroy_returns_every_frame(void **state)
{
	(void)state;
	for (int i = 0; i < 10; i++)
		map_new_frame(0x1000 + (uintptr_t)i * SV39_MEGAPAGE, URW);
	paddr_t shared = map_new_frame(0x3000000000UL, URW);
	frame_ref(shared);
	assert_int_equal(sv39_map(root, 0x3000001000UL, shared, PAGE_SIZE, PTE_U | PTE_R), 0);
	sv39_destroy(root);
	assert_int_equal(frame_free_count(), baseline);
}

static void destroy_leaves_the_kernel_half_alone(void **state)
{
	(void)state;
	pagetable_t kernel_table = sv39_alloc_table();
	root[SV39_USER_ENTRIES + 3] = pte_table(kva_to_pa(kernel_table));
	map_new_frame(0x1000, URW);
	sv39_destroy(root);
	assert_int_equal(frame_refcount(kva_to_pa(kernel_table)), 1);
	assert_int_equal(frame_free_count(), baseline - 1);
	frame_unref(kva_to_pa(kernel_table));
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(map_then_translate),
		T(neighbours_share_tables),
		T(remap_panics),
		T(large_mappings_use_megapages),
		T(map_failure_undoes_partial_work),
		T(destroy_returns_every_frame),
		T(destroy_leaves_the_kernel_half_alone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
