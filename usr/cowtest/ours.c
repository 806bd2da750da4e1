/* Our own cases: each checks a copy-on-write property the classic ones
 * do not. */
#include "cowtest.h"

/* After the child is gone the parent holds the only reference to every
 * page: writing them must reuse the frames, not copy them. */
void reuse(void)
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
	pass("reuse");
}

/* A store to text must kill, in a forked child as in any process; the
 * text must be unchanged for everyone afterwards.  (The kernel's one-line
 * kill report comes before this case's own line.) */
void textro(void)
{
	volatile uint32_t *text = (volatile uint32_t *)(uintptr_t)main;
	uint32_t word = *text;
	printf("textro: ");
	expect_kill("textro", "the child stores to its text");
	int pid = fork();
	if (pid < 0)
		fail("fork failed");
	if (pid == 0) {
		*text = 0; /* must fault */
		exit(0);
	}
	int status;
	wait(&status);
	if (status != -1)
		fail("error: a write to text did not kill the writer");
	if (*text != word)
		fail("error: text changed");
	pass("textro");
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

void copyout(void)
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
	pass("copyout");
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

void chain(void)
{
	const uint64_t n = 128 * PAGE;
	printf("chain: ");
	char *p = sbrk((int)n);
	if (p == SBRK_ERROR)
		fail("sbrk failed");
	if (chain_level(p, n, 0) != 0)
		fail("wrong content");
	sbrk(-(int)n);
	pass("chain");
}

/* The parent of a sharing pair exits first; the survivor keeps correct
 * data and can write it (now as sole owner). */
void orphan(void)
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
	pass("orphan");
}

/* Lazily grown memory reads as the shared zero frame, page by page; a
 * write gives that page (only) a frame of its own. */
void zeropage(void)
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
	pass("zeropage");
}

/* A child that writes more shared memory than exists is killed when the
 * frames run out; the parent's data is intact and every frame returns. */
void oom(void)
{
	struct vm_stats s0 = stats();
	uint64_t n = (s0.frames_free * 3 / 5) * PAGE;
	char *p = sbrk((int)n);
	if (p == SBRK_ERROR) {
		printf("oom: sbrk(%lu) failed\n", n);
		exit(-1);
	}
	fill(p, n, 31);
	printf("oom: ");
	expect_kill("oom", "the child's copies run out of memory");
	int pid = fork();
	if (pid < 0)
		fail("fork failed");
	if (pid == 0) {
		fill(p, n, 32); /* needs a copy of every page: cannot all fit */
		exit(0);
	}
	int status;
	wait(&status);
	if (status != -1)
		fail("error: the writer was not killed when memory ran out");
	if (!holds(p, n, 31))
		fail("wrong content");
	sbrk(-(int)n);
	struct vm_stats s1 = stats();
	/* Page tables of our own heap may stay; everything else is back. */
	if ((int64_t)(s0.frames_free - s1.frames_free) > 64)
		fail("error: frames leaked");
	pass("oom");
}
