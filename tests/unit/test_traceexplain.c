/* trace --explain's sentences (lib/traceexplain.c): one for every fault
 * outcome and table change, carrying the event's own numbers; none for a
 * system call; never past the buffer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "include/fault.h"
#include "lib/traceexplain.h"

static char buf[400];

static struct trace_event fault(enum fault_outcome o, uint64_t before,
				uint64_t after, uint32_t refs_before,
				uint32_t refs_after)
{
	struct trace_event e = { .pid = 5, .kind = TRACE_FAULT,
				 .access = 'w', .outcome = (uint8_t)o,
				 .va = 0x8000, .frame_before = before,
				 .frame_after = after,
				 .refs_before = refs_before,
				 .refs_after = refs_after };
	return e;
}

static void assert_says(const char *needle)
{
	if (!strstr(buf, needle))
		fail_msg("\"%s\" not in \"%s\"", needle, buf);
}

static void copy_names_both_frames_and_counts(void **state)
{
	(void)state;
	struct trace_event e =
		fault(FAULT_COW_COPY, 0x80104000, 0x80237000, 3, 2);
	int n = trace_explain(buf, sizeof buf, &e);
	assert_int_equal(n, (int)strlen(buf));
	assert_says("frame 0x80104000 had 3 references (this mapping's and 2 more)");
	assert_says("copied the frame into 0x80237000");
	assert_says("(3 -> 2)");
	assert_says("the process wrote");
}

static void reuse_zero_and_table_say_their_numbers(void **state)
{
	(void)state;
	struct trace_event e =
		fault(FAULT_COW_REUSE, 0x80112000, 0x80112000, 1, 1);
	trace_explain(buf, sizeof buf, &e);
	assert_says("(count 1)");
	assert_says("frame 0x80112000 became writable in place, no copy");

	e = fault(FAULT_ZERO_MAP, 0, 0x800e0000, 7, 7);
	e.access = 'r';
	trace_explain(buf, sizeof buf, &e);
	assert_says("zero frame 0x800e0000 was mapped read-only");
	assert_says("count is now 7");

	e = fault(FAULT_COW_ZERO, 0x800e0000, 0x80300000, 7, 6);
	trace_explain(buf, sizeof buf, &e);
	assert_says("fresh zeroed frame 0x80300000");
	assert_says("count drops to 6");

	struct trace_event t = { .kind = TRACE_TABLE, .access = 'w',
				 .frame_before = 0x8010a000,
				 .frame_after = 0x8010b000, .refs_before = 3 };
	trace_explain(buf, sizeof buf, &t);
	assert_says("table 0x8010a000");
	assert_says("shared by 3 processes");
	assert_says("own copy 0x8010b000");
	t.frame_after = t.frame_before;
	trace_explain(buf, sizeof buf, &t);
	assert_says("only cleared its read-only mark");
}

/* A new outcome in include/fault.h without a sentence fails here. */
static void every_outcome_has_a_sentence(void **state)
{
	(void)state;
	for (int o = 0; o < FAULT_OUTCOME_COUNT; o++) {
		struct trace_event e = fault((enum fault_outcome)o, 0x80001000,
					     0x80002000, 2, 1);
		buf[0] = 'x';
		assert_true(trace_explain(buf, sizeof buf, &e) > 0);
		assert_true(strncmp(buf, "  ^ ", 4) == 0);
	}
}

static void refusals_say_what_happens_next(void **state)
{
	(void)state;
	struct trace_event e = fault(FAULT_UNMAPPED, 0, 0, 0, 0);
	trace_explain(buf, sizeof buf, &e);
	assert_says("the process is killed");
	e.by_kernel = 1;
	trace_explain(buf, sizeof buf, &e);
	assert_says("the system call fails with -1");
	e = fault(FAULT_PROTECTION, 0x80001000, 0x80001000, 1, 1);
	e.access = 'x';
	trace_explain(buf, sizeof buf, &e);
	assert_says("(ran code from it)");
}

static void system_calls_and_unknowns_get_none(void **state)
{
	(void)state;
	struct trace_event s = { .kind = TRACE_SYSCALL, .number = 1 };
	assert_int_equal(trace_explain(buf, sizeof buf, &s), 0);
	assert_string_equal(buf, "");
	struct trace_event u = fault(FAULT_OUTCOME_COUNT, 0, 0, 0, 0);
	assert_int_equal(trace_explain(buf, sizeof buf, &u), 0);
}

static void stays_inside_a_small_buffer(void **state)
{
	(void)state;
	char small[16];
	memset(small, '#', sizeof small);
	struct trace_event e =
		fault(FAULT_COW_COPY, 0x80104000, 0x80237000, 3, 2);
	assert_int_equal(trace_explain(small, 10, &e), 9);
	assert_int_equal(strlen(small), 9);
	assert_int_equal(small[10], '#');
	assert_int_equal(trace_explain(small, 0, &e), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(copy_names_both_frames_and_counts),
		cmocka_unit_test(reuse_zero_and_table_say_their_numbers),
		cmocka_unit_test(every_outcome_has_a_sentence),
		cmocka_unit_test(refusals_say_what_happens_next),
		cmocka_unit_test(system_calls_and_unknowns_get_none),
		cmocka_unit_test(stays_inside_a_small_buffer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
