/*
 * regress: one case per kernel defect that a user program could reach,
 * each failing on the kernel that had the defect (docs/testing.md).
 *
 *   regress           every case
 *   regress NAME...   just those cases
 *   regress -t ...    also one TAP line per case (for meson)
 *   regress -k KEY ...  a proof line after each passed case (tools/grade)
 *
 * A case returns 0 when the kernel behaved; a hang or a panic is caught
 * by the harness around the boot.  The cases live by subject: kernel.c
 * (kills, the console, stat, refcheck), trace.c, vmstat.c, and
 * programs.c (defects of our own programs).
 */
#include "regress.h"

static int tap, ncase;
static const char *key;

static const struct {
	const char *name;
	int (*run)(void);
} cases[] = {
	{ "kill_init", kill_init },
	{ "stat_padding", stat_padding },
	{ "refcheck_race", refcheck_race },
	{ "console_kill", console_kill },
	{ "console_big_write", console_big_write },
	{ "usertests_orphan", usertests_orphan },
	{ "name_padding", name_padding },
	{ "trace_exit_race", trace_exit_race },
	{ "trace_every_fault", trace_every_fault },
	{ "vmstat_sums", vmstat_sums },
	{ "vmstat_lists_holders", vmstat_lists_holders },
	{ "grep_last_line", grep_last_line },
};
#define NCASES ((int)(sizeof cases / sizeof cases[0]))

static int run_case(int i)
{
	printf("%s: ", cases[i].name);
	int ok = cases[i].run() == 0;
	printf("%s\n", ok ? "ok" : "FAILED");
	if (ok)
		proof_print(key, "regress", cases[i].name);
	ncase++;
	if (tap)
		printf("%s %d - %s\n", ok ? "ok" : "not ok", ncase, cases[i].name);
	return ok;
}

static int case_index(const char *name)
{
	for (int i = 0; i < NCASES; i++)
		if (strcmp(cases[i].name, name) == 0)
			return i;
	return -1;
}

static int is_case(const char *name)
{
	return case_index(name) >= 0;
}

static int find_case(const char *name)
{
	int i = case_index(name);
	if (i < 0) {
		fprintf(2, "regress: no case %s\n", name);
		exit(2);
	}
	return i;
}

int main(int argc, char **argv)
{
	int failed = 0, first = proof_options(argc, argv, &tap, &key);
	if (first < 0 || !proof_skips_known("regress", is_case))
		return 2;
	if (first < argc)
		for (int i = first; i < argc; i++)
			failed += !run_case(find_case(argv[i]));
	else
		for (int i = 0; i < NCASES; i++)
			if (!proof_skipped(cases[i].name))
				failed += !run_case(i);
	if (tap)
		printf("1..%d\n", ncase);
	printf("%s\n", failed ? "SOME REGRESSION TESTS FAILED" : "ALL REGRESSION TESTS PASSED");
	return failed ? 1 : 0;
}
