/*
 * cowtest: copy-on-write fork, from the outside.  The classic cases
 * (../shared/spec/test-cases.md §3) come first, in their order and with
 * their output; our own cases follow, each checking a property the
 * classic ones do not.  After every case the kernel's reference-count
 * checker must find every frame's count right.
 *
 *   cowtest       all cases; "ALL COW TESTS PASSED" if all pass
 *   cowtest -t    the same, plus one TAP line per case (for meson)
 *
 * A failing case prints why and the program exits at once, as the
 * original does.
 */
#include "cowtest.h"

static int tap, ncase;

void fail(const char *msg)
{
	printf("%s\n", msg);
	if (tap)
		printf("not ok %d\n", ncase + 1);
	exit(-1);
}

void pass(const char *name)
{
	if (refcheck() != 0)
		fail("error: reference counts are wrong (see the kernel's report)");
	printf("ok\n");
	ncase++;
	if (tap)
		printf("ok %d - %s\n", ncase, name);
}

struct vm_stats stats(void)
{
	struct vm_stats s;
	if (vmstat(&s) < 0)
		fail("error: vmstat failed");
	return s;
}

/* Writes v into the first word of every page of [p, p+n). */
void fill(char *p, uint64_t n, int v)
{
	for (char *q = p; q < p + n; q += PAGE)
		*(int *)q = v;
}

int holds(char *p, uint64_t n, int v)
{
	for (char *q = p; q < p + n; q += PAGE)
		if (*(int *)q != v)
			return 0;
	return 1;
}

int main(int argc, char **argv)
{
	tap = argc > 1 && strcmp(argv[1], "-t") == 0;
	simple();
	simple();
	three();
	three();
	three();
	file();
	forkfork();
	reuse();
	textro();
	copyout();
	chain();
	orphan();
	zeropage();
	oom();
	printf("ALL COW TESTS PASSED\n");
	if (tap)
		printf("1..%d\n", ncase);
	return 0;
}
