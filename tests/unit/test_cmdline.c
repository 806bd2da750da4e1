/* The kernel command line: words, values, quotes and numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arch/cmdline.h"

static void keys_values_and_bare_words(void **state)
{
	(void)state;
	assert_int_equal(cmdline_parse("  ktest=all  quiet x=a=b  "), 0);
	assert_string_equal(cmdline_get("ktest"), "all");
	assert_string_equal(cmdline_get("quiet"), "");
	assert_string_equal(cmdline_get("x"), "a=b"); /* split at the first '=' */
	assert_null(cmdline_get("missing"));
	assert_null(cmdline_get("ktes"));
}

static void quotes_group_spaces(void **state)
{
	(void)state;
	assert_int_equal(cmdline_parse("init.cmd=\"echo hi there\" next=1"), 0);
	assert_string_equal(cmdline_get("init.cmd"), "echo hi there");
	assert_string_equal(cmdline_get("next"), "1");
}

static void open_quote_is_an_error(void **state)
{
	(void)state;
	assert_int_equal(cmdline_parse("a=1 b=\"never closed"), -1);
	assert_string_equal(cmdline_get("a"), "1");
}

static void too_many_words_is_an_error(void **state)
{
	(void)state;
	assert_int_equal(cmdline_parse("a b c d e f g h i j k l m n o p q"), -1);
	assert_string_equal(cmdline_get("p"), ""); /* the 16 that fit are kept */
	assert_null(cmdline_get("q"));
}

static void numbers_with_suffixes(void **state)
{
	(void)state;
	assert_int_equal(cmdline_parse("a=42 b=0x1f c=128M d=2G e=4K f=12x g= h=0xZ"), 0);
	assert_int_equal(cmdline_get_u64("a", 7), 42);
	assert_int_equal(cmdline_get_u64("b", 7), 31);
	assert_int_equal(cmdline_get_u64("c", 7), 128UL << 20);
	assert_int_equal(cmdline_get_u64("d", 7), 2UL << 30);
	assert_int_equal(cmdline_get_u64("e", 7), 4096);
	assert_int_equal(cmdline_get_u64("f", 7), 7); /* trailing junk */
	assert_int_equal(cmdline_get_u64("g", 7), 7); /* empty */
	assert_int_equal(cmdline_get_u64("h", 7), 7); /* no digits */
	assert_int_equal(cmdline_get_u64("none", 7), 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keys_values_and_bare_words),
		cmocka_unit_test(quotes_group_spaces),
		cmocka_unit_test(open_quote_is_an_error),
		cmocka_unit_test(too_many_words_is_an_error),
		cmocka_unit_test(numbers_with_suffixes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
