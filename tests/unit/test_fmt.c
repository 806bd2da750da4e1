/* The formatting engine shared by kprintf and the user printf. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "lib/fmt.h"

static char buf[128];

#define CHECK(want, ...)                                                      \
	do {                                                                   \
		fmt_snprintf(buf, sizeof buf, __VA_ARGS__);                    \
		assert_string_equal(buf, want);                                \
	} while (0)

static void integers(void **state)
{
	(void)state;
	CHECK("0 -1 42", "%d %d %i", 0, -1, 42);
	CHECK("-2147483648", "%d", (int)0x80000000);
	CHECK("4294967295", "%u", 0xffffffffu);
	CHECK("-9223372036854775808", "%ld", (long)INT64_MIN);
	CHECK("18446744073709551615", "%lu", (unsigned long)UINT64_MAX);
	CHECK("ff FF 1f", "%x %X %llx", 255u, 255u, 31ull);
	CHECK("42", "%zu", (size_t)42);
}

static void widths_and_flags(void **state)
{
	(void)state;
	CHECK("   42|42   |00042", "%5d|%-5d|%05d", 42, 42, 42);
	CHECK("-0042|  -42", "%05d|%5d", -42, -42);
	CHECK("0x00ff", "0x%04x", 255u);
	CHECK("  ab|ab  ", "%4s|%-4s", "ab", "ab");
}

static void strings_chars_pointers(void **state)
{
	(void)state;
	/* Through variables, so the compiler does not object at build time. */
	const char *volatile nothing = 0;
	const char *volatile unknown = "%q";
	CHECK("hi (null) x %", "%s %s %c %%", "hi", nothing, 'x');
	CHECK("0x1000", "%p", (void *)0x1000);
	CHECK("%q", unknown, 0);
}

static void truncation_reports_full_length(void **state)
{
	(void)state;
	char small[4];
	assert_int_equal(fmt_snprintf(small, sizeof small, "%s", "abcdef"), 6);
	assert_string_equal(small, "abc");
	assert_int_equal(fmt_snprintf(small, 0, "xyz"), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(integers),
		cmocka_unit_test(widths_and_flags),
		cmocka_unit_test(strings_chars_pointers),
		cmocka_unit_test(truncation_reports_full_length),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
