/*
 * The driver: runs the quick cases, then (without -q) the slow ones, each
 * in a child process, printing "test NAME: " and then OK or FAILED.  Free
 * memory is counted before and after; any loss fails the run.
 *
 *   usertests [-c] [-C] [-q] [-t] [-k KEY] [-x NAME] [NAME...]
 *     -q  quick cases only          -c  repeat until a failure
 *     -C  repeat forever            -t  also print TAP, one line per case
 *     -k KEY  for tools/grade: a proof line after each case that passed
 *             (usr/lib/proof.c), and go on after a failure, so that
 *             every case gets graded
 *     -x NAME  leave that case out (again for each; a lab's handout
 *              runs the suites without the lab's own cases)
 *     NAME  run just the cases so called (xv6's takes one name)
 */
#include "ut.h"

#include "lib/fmt.h"

char buf[BUFSZ];

struct ut_case {
	ut_case_fn fn;
	const char *name;
};

#define UT_ENTRY(n) { n, #n },
static const struct ut_case quick[] = { UT_CASES(UT_ENTRY) };
static const struct ut_case slow[] = { UT_SLOW_CASES(UT_ENTRY) };
#undef UT_ENTRY

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static int tap, tap_number;
static const char *key; /* -k */

void ut_fail(const char *s, const char *fmt, ...)
{
	char msg[200];
	va_list ap;
	va_start(ap, fmt);
	fmt_vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	printf("%s: %s\n", s, msg);
	exit(1);
}

int ut_open(const char *s, const char *path, int flags)
{
	int fd = open(path, flags);
	if (fd < 0)
		ut_fail(s, "open(%s) failed", path);
	return fd;
}

void ut_write(const char *s, int fd, const void *p, int n)
{
	int r = write(fd, p, n);
	if (r != n)
		ut_fail(s, "write of %d bytes returned %d", n, r);
}

int ut_wait_status(void)
{
	int status = 0;
	if (wait(&status) < 0)
		return -2;
	return status;
}

void ut_expect_kills(const char *why)
{
	printf("(kills follow, on purpose: %s)\n", why);
}

int ut_in_child(void (*fn)(const char *), const char *s)
{
	int pid = fork();
	if (pid < 0)
		ut_fail(s, "fork failed");
	if (pid == 0) {
		fn(s);
		exit(0);
	}
	return ut_wait_status();
}

/* The write end of the current case's list of tracked pids; the case
 * and all its children share the one file offset, so every record lands
 * after the last. */
static int tracked_fd = -1;

/*
 * The child waits until its pid is on the list: were the case killed
 * between fork and the write, the child would outlive it unlisted.  The
 * go-ahead comes through a pipe whose write end only the parent holds, so
 * if the parent dies first the child reads end-of-file and exits.
 */
int ut_fork_tracked(void)
{
	int go[2];
	if (pipe(go) < 0)
		return -1;
	int pid = fork();
	if (pid == 0) {
		char c;
		close(go[1]);
		if (read(go[0], &c, 1) != 1)
			exit(1);
		close(go[0]);
		return 0;
	}
	close(go[0]);
	if (pid > 0 && tracked_fd >= 0)
		write(tracked_fd, &pid, sizeof pid);
	write(go[1], "", 1);
	close(go[1]);
	return pid;
}

/* The list is a file opened twice and then unlinked: no name for a case
 * to trip over, and its blocks go with the last close.  The read end
 * stays with the runner; -1 (nothing tracked) if the disk refuses. */
static int tracking_start(void)
{
	static const char name[] = "usertests-pids";
	tracked_fd = open(name, O_CREATE | O_TRUNC | O_WRONLY);
	int rd = open(name, O_RDONLY);
	unlink(name);
	if (tracked_fd < 0 || rd < 0) {
		close(tracked_fd);
		close(rd);
		tracked_fd = rd = -1;
	}
	return rd;
}

/* Kills whatever the case left running; pids are never reused, so a pid
 * that is long gone is just a kill() that fails. */
static void tracking_finish(int rd)
{
	int pid, left = 0;
	if (rd < 0)
		return;
	while (read(rd, &pid, sizeof pid) == sizeof pid)
		left += kill(pid) == 0;
	close(rd);
	close(tracked_fd);
	tracked_fd = -1;
	if (left)
		printf("(killed %d process%s the case left running) ", left,
		       left == 1 ? "" : "es");
}

/* How many pages one process could still get: eager sbrk until it fails,
 * then give them all back. */
static int countfree(void)
{
	char *start = sbrk(0);
	int n = 0;
	while (sbrk(PGSIZE) != SBRK_ERROR)
		n++;
	sbrk(-(int)(sbrk(0) - start));
	return n;
}

static int run_one(const struct ut_case *c)
{
	printf("test %s: ", c->name);
	int rd = tracking_start();
	int pid = fork();
	if (pid < 0) {
		printf("runtest: fork error\n");
		exit(1);
	}
	if (pid == 0) {
		close(rd);
		c->fn(c->name);
		exit(0);
	}
	int status;
	wait(&status);
	tracking_finish(rd);
	printf(status == 0 ? "OK\n" : "FAILED\n");
	if (status == 0)
		proof_print(key, "usertests", c->name);
	if (tap)
		printf("%s %d - %s\n", status == 0 ? "ok" : "not ok",
		       ++tap_number, c->name);
	return status == 0;
}

/* The names given on the command line, if any, and those -x leaves out
 * (a lab's handout runs the suites without the lab's own cases:
 * docs/teaching.md); and how many cases failed (-k goes on after a
 * failure, but must not end in "ALL TESTS PASSED"). */
static const char *only[64], *skip[64];
static int nonly, nskip, failures;

static int listed(const char **names, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return 1;
	return 0;
}

static int chosen(const char *name)
{
	if (listed(skip, nskip, name))
		return 0;
	return !nonly || listed(only, nonly, name);
}

/* Runs the cases of one list (the chosen ones); 0 if one failed and
 * `keep_going` is off. */
static int run_list(const struct ut_case *cases, int n, int keep_going,
		    int *ran)
{
	for (int i = 0; i < n; i++) {
		if (!chosen(cases[i].name))
			continue;
		++*ran;
		if (run_one(&cases[i]))
			continue;
		failures++;
		if (!keep_going) {
			printf("SOME TESTS FAILED\n");
			return 0;
		}
	}
	return 1;
}

/* Every name given must be a case: a misspelt one would be skipped in
 * silence while the others pass. */
static int known(const char *name)
{
	for (int i = 0; i < COUNT(quick); i++)
		if (strcmp(quick[i].name, name) == 0)
			return 1;
	for (int i = 0; i < COUNT(slow); i++)
		if (strcmp(slow[i].name, name) == 0)
			return 1;
	return 0;
}

static int run_all(int quick_only, int keep_going)
{
	int ran = 0;
	if (!run_list(quick, COUNT(quick), keep_going, &ran))
		return 0;
	if (!quick_only) {
		if (!nonly)
			printf("usertests slow tests starting\n");
		if (!run_list(slow, COUNT(slow), keep_going, &ran))
			return 0;
	}
	if (nonly && ran == 0) {
		printf("NO TESTS EXECUTED\n");
		return 0;
	}
	return 1;
}

static int finish(int status)
{
	if (tap)
		printf("1..%d\n", tap_number);
	return status;
}

int main(int argc, char **argv)
{
	int quick_only = 0, repeat = 0, keep_going = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-q") == 0)
			quick_only = 1;
		else if (strcmp(argv[i], "-c") == 0)
			repeat = 1;
		else if (strcmp(argv[i], "-C") == 0)
			repeat = keep_going = 1;
		else if (strcmp(argv[i], "-t") == 0)
			tap = 1;
		else if (strcmp(argv[i], "-k") == 0 && i + 1 < argc)
			key = argv[++i];
		else if (strcmp(argv[i], "-x") == 0 && i + 1 < argc &&
			 nskip < COUNT(skip))
			skip[nskip++] = argv[++i];
		else if (argv[i][0] != '-' && nonly < COUNT(only))
			only[nonly++] = argv[i];
		else {
			printf("Usage: usertests [-c] [-C] [-q] [-t] [-k key] [-x testname] [testname...]\n");
			exit(1);
		}
	}
	for (int i = 0; i < nonly + nskip; i++) {
		const char *name = i < nonly ? only[i] : skip[i - nonly];
		if (!known(name)) {
			printf("usertests: no test %s\n", name);
			exit(1);
		}
	}
	printf("usertests starting\n");
	int free0 = countfree();
	do {
		if (!run_all(quick_only, keep_going || key) && !keep_going)
			exit(finish(1));
		int free1 = countfree();
		if (free1 < free0) {
			printf("FAILED -- lost some free pages %d (out of %d)\n",
			       free1, free0);
			if (!keep_going)
				exit(finish(1));
		}
	} while (repeat);
	if (failures) {
		printf("SOME TESTS FAILED\n");
		exit(finish(1));
	}
	printf("ALL TESTS PASSED\n");
	exit(finish(0));
}
