/*
 * Kernel copies to and from user memory: they must obey the same rules as
 * user loads and stores (COW broken before writing, text never written)
 * and turn every bad address into -1.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "cow_fixture.h"
#include "host.h"
#include "mm/uaccess.h"
#include "mm/fastpath.h"
#include "mm/fork.h"

#define DATA 0x10000UL

static struct vm_space parent, child;

/* parent: text at 0, two data pages at DATA; child: a COW copy of it. */
static int setup(void **state)
{
	cow_setup(state);
	space_create(&parent);
	space_create(&child);
	assert_int_equal(vm_alloc_range(&parent, 0, PAGE_SIZE, TEXT_PERM), 0);
	fill_pages(&parent, DATA, 2, 1000);
	assert_int_equal(fork_space(&parent, &child), 0);
	return 0;
}

static int teardown(void **state)
{
	vm_space_destroy(&child);
	vm_space_destroy(&parent);
	assert_int_equal(frame_free_count(), baseline);
	return cow_teardown(state);
}

/* lab cow: begin */
static void copyout_breaks_cow_and_leaves_the_other_side_alone(void **state)
{
	(void)state;
	uint64_t v = 55;
	paddr_t shared = frame_at(&parent, DATA);
	assert_int_equal(uaccess_copyout(&child, DATA + 8, &v, sizeof v), 0);
	assert_int_not_equal(frame_at(&child, DATA), shared);
	assert_int_equal(((uint64_t *)pa_to_kva(frame_at(&child, DATA)))[1], 55);
	assert_int_equal(((uint64_t *)pa_to_kva(shared))[1], 0);
	assert_int_equal(peek(&child, DATA), 1000); /* the copy kept the rest */
	assert_int_equal(frame_refcount(shared), 1);
}
/* lab cow: end */

static void copyout_across_pages(void **state)
{
	(void)state;
	char buf[100];
	memset(buf, 'x', sizeof buf);
	assert_int_equal(uaccess_copyout(&parent, DATA + PAGE_SIZE - 50, buf, sizeof buf), 0);
	char back[100];
	assert_int_equal(uaccess_copyin(&parent, back, DATA + PAGE_SIZE - 50, sizeof back), 0);
	assert_memory_equal(buf, back, sizeof buf);
	assert_int_equal(peek(&child, DATA + PAGE_SIZE), 1001); /* child unchanged */
}

static void copyout_into_text_fails(void **state)
{
	(void)state;
	char c = 1;
	assert_int_equal(uaccess_copyout(&child, 0, &c, 1), -1);
	assert_int_equal(uaccess_copyout(&parent, 100, &c, 1), -1);
	assert_false(pte_writable(pte_at(&child, 0)));
}

static void bad_addresses_fail_both_ways(void **state)
{
	(void)state;
	static const uintptr_t bad[] = {
		0x40000, /* unmapped */
		USER_TOP - 8, USER_TOP, 0x3fffffe000UL, 0x3ffffff000UL,
		0x80000000UL, /* unmapped low address, like xv6's KERNBASE */
		0xffffffc080200000UL, /* our kernel */
		~0UL,
	};
	char buf[16] = { 0 };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(uaccess_copyout(&parent, bad[i], buf, 8), -1);
		assert_int_equal(uaccess_copyin(&parent, buf, bad[i], 8), -1);
		assert_int_equal(uaccess_copyinstr(&parent, buf, bad[i], sizeof buf), -1);
	}
	/* A length that wraps around the address space. */
	assert_int_equal(uaccess_copyin(&parent, buf, DATA, ~0UL), -1);
	assert_int_equal(uaccess_copyout(&parent, DATA, buf, ~0UL - DATA + 2), -1);
	/* A range that starts valid and runs off the mapped pages. */
	assert_int_equal(uaccess_copyin(&parent, buf, DATA + 2 * PAGE_SIZE - 8, 16), -1);
}

static void copyinstr_stops_at_nul_within_limit(void **state)
{
	(void)state;
	char buf[32];
	/* A string at the very end of the data, with no NUL in it. */
	const char *s = "hel";
	assert_int_equal(uaccess_copyout(&parent, DATA + 2 * PAGE_SIZE - 3, s, 3), 0);
	/* The next page is unmapped: no NUL in reach. */
	assert_int_equal(uaccess_copyinstr(&parent, buf, DATA + 2 * PAGE_SIZE - 3, sizeof buf), -1);
	assert_int_equal(uaccess_copyout(&parent, DATA, "path/name", 10), 0);
	assert_int_equal(uaccess_copyinstr(&parent, buf, DATA, sizeof buf), 9);
	assert_string_equal(buf, "path/name");
	/* Exactly max bytes with the NUL last fits; one more does not. */
	assert_int_equal(uaccess_copyinstr(&parent, buf, DATA, 10), 9);
	assert_int_equal(uaccess_copyinstr(&parent, buf, DATA, 9), -1);
}

static void copyin_prefix_stops_at_first_bad_byte(void **state)
{
	(void)state;
	char buf[64];
	uintptr_t end = DATA + 2 * PAGE_SIZE;
	assert_int_equal(uaccess_copyin_prefix(&parent, buf, end - 10, 64), 10);
	assert_int_equal(uaccess_copyin_prefix(&parent, buf, end, 64), 0);
	assert_int_equal(uaccess_copyin_prefix(&parent, buf, ~0UL - 4, 64), 0);
}

/* lab cow: begin */
static void copyout_out_of_memory_fails_cleanly(void **state)
{
	(void)state;
	uint64_t v = 9;
	paddr_t shared = frame_at(&child, DATA);
	frame_fail_nth(1);
	assert_int_equal(uaccess_copyout(&child, DATA, &v, sizeof v), -1);
	frame_fail_nth(0);
	assert_int_equal(frame_at(&child, DATA), shared);
	assert_int_equal(peek(&parent, DATA), 1000);
	assert_int_equal(mappers(&child, DATA), 2);
}
/* lab cow: end */

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		/* lab cow: begin */
		T(copyout_breaks_cow_and_leaves_the_other_side_alone),
		/* lab cow: end */
		T(copyout_across_pages),
		T(copyout_into_text_fails),
		T(bad_addresses_fail_both_ways),
		T(copyinstr_stops_at_nul_within_limit),
		T(copyin_prefix_stops_at_first_bad_byte),
		/* lab cow: begin */
		T(copyout_out_of_memory_fails_cleanly),
		/* lab cow: end */
	};
	return run_in_sharing_modes(tests, sizeof tests / sizeof tests[0]);
}
