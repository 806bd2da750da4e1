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
#include "lib/user.h"

#define PAGE USER_PAGE_SIZE

int main(int argc, char **argv);

static int tap, ncase;

static void fail(const char *msg)
{
	printf("%s\n", msg);
	if (tap)
		printf("not ok %d\n", ncase + 1);
	exit(-1);
}

/* Ends a case that passed: the reference counts must be right too. */
static void pass(const char *name, int print_ok)
{
	if (refcheck() != 0)
		fail("error: reference counts are wrong (see the kernel's report)");
	if (print_ok)
		printf("ok\n");
	ncase++;
	if (tap)
		printf("ok %d - %s\n", ncase, name);
}

static struct vm_stats stats(void)
{
	struct vm_stats s;
	if (vmstat(&s) < 0)
		fail("error: vmstat failed");
	return s;
}

/* ---- the classic cases ---- */

static void simple(void)
{
	uint64_t sz = (RAM_BYTES / 3) * 2;
	printf("simple: ");
	char *p = sbrk((int)sz);
	if (p == SBRK_ERROR) {
		printf("sbrk(%lu) failed\n", sz);
		exit(-1);
	}
	for (char *q = p; q < p + sz; q += PAGE)
		*(int *)q = getpid();
	int pid = fork();
	if (pid < 0)
		fail("fork() failed");
	if (pid == 0)
		exit(0);
	wait(0);
	if (sbrk(-(int)sz) == SBRK_ERROR) {
		printf("sbrk(-%lu) failed\n", sz);
		exit(-1);
	}
	pass("simple", 1);
}

/* Writes v into the first word of every page of [p, p+n). */
static void fill(char *p, uint64_t n, int v)
{
	for (char *q = p; q < p + n; q += PAGE)
		*(int *)q = v;
}

static int holds(char *p, uint64_t n, int v)
{
	for (char *q = p; q < p + n; q += PAGE)
		if (*(int *)q != v)
			return 0;
	return 1;
}

static void three(void)
{
	uint64_t sz = RAM_BYTES / 4;
	printf("three: ");
	char *p = sbrk((int)sz);
	if (p == SBRK_ERROR) {
		printf("sbrk(%lu) failed\n", sz);
		exit(-1);
	}
	int pid1 = fork();
	if (pid1 < 0)
		fail("fork failed");
	if (pid1 == 0) {
		int pid2 = fork();
		if (pid2 < 0)
			fail("fork failed");
		if (pid2 == 0) {
			uint64_t n = (sz / 5) * 4;
			fill(p, n, getpid());
			if (!holds(p, n, getpid()))
				fail("wrong content");
			exit(-1); /* nobody waits for it: init reaps it */
		}
		fill(p, sz / 2, 9999);
		exit(0);
	}
	fill(p, sz, getpid());
	wait(0);
	sleep(1);
	if (!holds(p, sz, getpid()))
		fail("wrong content");
	if (sbrk(-(int)sz) == SBRK_ERROR) {
		printf("sbrk(-%lu) failed\n", sz);
		exit(-1);
	}
	pass("three", 1);
}

/* Neighbours on both sides, so buf shares its pages with nothing else. */
static char before_buf[PAGE], buf[PAGE], after_buf[PAGE];
static int fds[2];

static void file(void)
{
	printf("file: ");
	buf[0] = 99;
	for (int i = 0; i < 4; i++) {
		if (pipe(fds) != 0)
			fail("pipe() failed");
		int pid = fork();
		if (pid < 0)
			fail("fork failed");
		if (pid == 0) {
			sleep(1);
			if (read(fds[0], buf, sizeof(i)) != sizeof(i)) {
				printf("error: read failed\n");
				exit(1);
			}
			sleep(1);
			if (*(int *)buf != i) {
				printf("error: read the wrong value\n");
				exit(1);
			}
			exit(0);
		}
		if (write(fds[1], &i, sizeof(i)) != sizeof(i))
			fail("error: write failed");
	}
	for (int i = 0; i < 4; i++) {
		int status;
		wait(&status);
		if (status != 0)
			exit(1);
	}
	if (buf[0] != 99)
		fail("error: child overwrote parent");
	(void)before_buf;
	(void)after_buf;
	pass("file", 1);
}

static void forkfork(void)
{
	const int pages = 256;
	printf("forkfork: ");
	char *p = sbrk(pages * (int)PAGE);
	if (p == SBRK_ERROR)
		fail("sbrk failed");
	memset(p, 27, (size_t)pages * PAGE);
	for (int round = 0; round < 100; round++) {
		for (int c = 0; c < 3; c++) {
			int pid = fork();
			if (pid < 0)
				fail("fork failed");
			if (pid == 0) {
				sleep(2);
				fork();
				fork();
				exit(0);
			}
		}
		for (int c = 0; c < 3; c++)
			wait(0);
	}
	sleep(5);
	for (int i = 0; i < pages; i++)
		if (p[i * PAGE] != 27)
			fail("error: parent's memory was modified!");
	sbrk(-pages * (int)PAGE);
	pass("forkfork", 1);
}

/* ---- our own cases ---- */

/* After the child is gone the parent holds the only reference to every
 * page: writing them must reuse the frames, not copy them. */
static void reuse(void)
{
	const int pages = 64;
	printf("reuse: ");
	char *p = sbrk(pages * (int)PAGE);
	if (p == SBRK_ERROR)
		fail("sbrk failed");
	fill(p, pages * PAGE, 1);
	int pid = fork();
	if (pid < 0)
		fail("fork failed");
	if (pid == 0)
		exit(0);
	wait(0);
	struct vm_stats s0 = stats();
	fill(p, pages * PAGE, 2);
	struct vm_stats s1 = stats();
	if (s1.cow_copies != s0.cow_copies)
		fail("error: a sole owner's write copied its page");
	if (s1.cow_reuses - s0.cow_reuses < (uint64_t)pages)
		fail("error: sole owner's pages were not reused");
	if (!holds(p, pages * PAGE, 2))
		fail("wrong content");
	sbrk(-pages * (int)PAGE);
	pass("reuse", 1);
}

/* A store to text must kill, in a forked child as in any process; the
 * text must be unchanged for everyone afterwards.  (The kernel's one-line
 * kill report comes before this case's own line.) */
static void textro(void)
{
	volatile uint32_t *text = (volatile uint32_t *)(uintptr_t)main;
	uint32_t word = *text;
	int pid = fork();
	if (pid < 0)
		fail("fork failed");
	if (pid == 0) {
		*text = 0; /* must fault */
		exit(0);
	}
	int status;
	wait(&status);
	printf("textro: ");
	if (status != -1)
		fail("error: a write to text did not kill the writer");
	if (*text != word)
		fail("error: text changed");
	pass("textro", 1);
}

/* Kernel writes (read() and pipe()) into pages shared copy-on-write must
 * copy them first, in the child and in the parent. */
static char shared_page[PAGE] __attribute__((aligned(4096)));

static void kernel_writes_into(void)
{
	int p[2];
	if (pipe((int *)shared_page) != 0)
		fail("error: pipe() into a shared page failed");
	memcpy(p, shared_page, sizeof p);
	if (write(p[1], "cow!", 4) != 4 ||
	    read(p[0], shared_page + 100, 4) != 4 ||
	    memcmp(shared_page + 100, "cow!", 4) != 0)
		fail("error: read() into a shared page failed");
	int fd = open("README", O_RDONLY);
	if (fd < 0 || read(fd, shared_page + 200, 7) != 7 ||
	    memcmp(shared_page + 200, "sv39cow", 7) != 0)
		fail("error: read() of a file into a shared page failed");
	close(fd);
	close(p[0]);
	close(p[1]);
}

static void copyout(void)
{
	printf("copyout: ");
	memset(shared_page, 'P', sizeof shared_page);
	int pid = fork();
	if (pid < 0)
		fail("fork failed");
	if (pid == 0) {
		kernel_writes_into();
		exit(0);
	}
	int status;
	wait(&status);
	if (status != 0)
		exit(1);
	for (int i = 0; i < (int)PAGE; i++)
		if (shared_page[i] != 'P')
			fail("error: the child's read() changed the parent's page");
	/* Now the parent writes while a child still shares the page. */
	int rd[2];
	pipe(rd);
	pid = fork();
	if (pid == 0) {
		char c;
		read(rd[0], &c, 1); /* wait until the parent is done */
		for (int i = 300; i < (int)PAGE; i++)
			if (shared_page[i] != 'P')
				exit(1);
		exit(shared_page[100] == 'P' && shared_page[200] == 'P' ? 0 : 1);
	}
	kernel_writes_into();
	write(rd[1], "x", 1);
	wait(&status);
	close(rd[0]);
	close(rd[1]);
	if (status != 0)
		fail("error: the parent's read() changed the child's page");
	pass("copyout", 1);
}

/* Five generations, each writing its own level everywhere, then checking
 * it still sees only its own writes after its descendants did theirs. */
static int chain_level(char *p, uint64_t n, int level)
{
	fill(p, n, level);
	if (level < 5) {
		int pid = fork();
		if (pid < 0)
			return 1;
		if (pid == 0)
			exit(chain_level(p, n, level + 1));
		int status;
		wait(&status);
		if (status != 0)
			return 1;
	}
	return holds(p, n, level) ? 0 : 1;
}

static void chain(void)
{
	const uint64_t n = 128 * PAGE;
	printf("chain: ");
	char *p = sbrk((int)n);
	if (p == SBRK_ERROR)
		fail("sbrk failed");
	if (chain_level(p, n, 0) != 0)
		fail("wrong content");
	sbrk(-(int)n);
	pass("chain", 1);
}

/* The parent of a sharing pair exits first; the survivor keeps correct
 * data and can write it (now as sole owner). */
static void orphan(void)
{
	const uint64_t n = 64 * PAGE;
	int report[2];
	printf("orphan: ");
	if (pipe(report) != 0)
		fail("pipe failed");
	int pid = fork();
	if (pid < 0)
		fail("fork failed");
	if (pid == 0) {
		char *p = sbrk((int)n);
		fill(p, n, 4242);
		int child = fork();
		if (child == 0) {
			sleep(2); /* its parent is gone by now */
			char ok = holds(p, n, 4242);
			fill(p, n, 77);
			ok = ok && holds(p, n, 77);
			write(report[1], &ok, 1);
			exit(0);
		}
		exit(child < 0);
	}
	int status;
	wait(&status);
	char ok = 0;
	if (status != 0 || read(report[0], &ok, 1) != 1 || !ok)
		fail("wrong content");
	close(report[0]);
	close(report[1]);
	pass("orphan", 1);
}

/* Lazily grown memory reads as the shared zero frame, page by page; a
 * write gives that page (only) a frame of its own. */
static void zeropage(void)
{
	const int pages = 256;
	printf("zeropage: ");
	struct vm_stats s0 = stats();
	char *p = sbrklazy(pages * (int)PAGE);
	if (p == SBRK_ERROR)
		fail("sbrklazy failed");
	for (int i = 0; i < pages; i++)
		if (p[i * PAGE + 7] != 0)
			fail("error: lazy memory is not zero");
	struct vm_stats s1 = stats();
	if (s1.zero_maps - s0.zero_maps < (uint64_t)pages)
		fail("error: reads did not map the zero frame");
	if ((int64_t)(s0.frames_free - s1.frames_free) > pages / 8)
		fail("error: reading lazy memory used frames");
	p[5 * PAGE] = 1;
	int pid = fork();
	if (pid == 0) {
		p[6 * PAGE] = 2;
		exit(p[5 * PAGE] == 1 && p[7 * PAGE] == 0 ? 0 : 1);
	}
	int status;
	wait(&status);
	if (status != 0 || p[6 * PAGE] != 0 || p[5 * PAGE] != 1 ||
	    p[4 * PAGE] != 0)
		fail("wrong content");
	sbrk(-pages * (int)PAGE);
	pass("zeropage", 1);
}

/* A child that writes more shared memory than exists is killed when the
 * frames run out; the parent's data is intact and every frame returns. */
static void oom(void)
{
	struct vm_stats s0 = stats();
	uint64_t n = (s0.frames_free * 3 / 5) * PAGE;
	char *p = sbrk((int)n);
	if (p == SBRK_ERROR) {
		printf("oom: sbrk(%lu) failed\n", n);
		exit(-1);
	}
	fill(p, n, 31);
	int pid = fork();
	if (pid < 0)
		fail("fork failed");
	if (pid == 0) {
		fill(p, n, 32); /* needs a copy of every page: cannot all fit */
		exit(0);
	}
	int status;
	wait(&status);
	printf("oom: ");
	if (status != -1)
		fail("error: the writer was not killed when memory ran out");
	if (!holds(p, n, 31))
		fail("wrong content");
	sbrk(-(int)n);
	struct vm_stats s1 = stats();
	/* Page tables of our own heap may stay; everything else is back. */
	if ((int64_t)(s0.frames_free - s1.frames_free) > 64)
		fail("error: frames leaked");
	pass("oom", 1);
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
