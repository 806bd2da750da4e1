/* Our cases added when a mistake passed every other one (a mutant of
 * tests/labs/cow: cowbit, forkwrite, forkfail, race), and the share lab's
 * tables, which holds only with fork=table. */
#include "cowtest.h"

/* pgmap's view of the page at va in this process: its kind and its
 * permissions; 0 if nothing maps it. */
static const struct pg_run *page_at(char *va)
{
	static struct pg_run run;
	struct pg_space sp;
	uint64_t at = (uint64_t)va;
	if (pgmap(getpid(), at, &run, 1, &sp) != 1 || run.va > at ||
	    at >= run.va + run.pages * PAGE)
		return 0;
	return &run;
}

static int plain_private(char *va)
{
	const struct pg_run *run = page_at(va);
	return run && run->kind == PG_PRIVATE && (run->perm & PG_W);
}

/* A store that broke a share leaves a plain private, writable page: no
 * copy-on-write mark left behind, after a copy (the child) or a reuse
 * (the parent, once the child is gone).  pgmap reads the kind from the
 * page-table entry. */
void cowbit(void)
{
	printf("cowbit: ");
	char *p = sbrk((int)PAGE);
	if (p == SBRK_ERROR)
		fail("sbrk failed");
	fill(p, PAGE, 1);
	int pid = fork();
	if (pid < 0)
		fail("fork failed");
	if (pid == 0) {
		fill(p, PAGE, 2);
		exit(plain_private(p) ? 0 : 1);
	}
	int status;
	wait(&status);
	if (status != 0)
		fail("error: after a copy the page still looks copy-on-write (pgmap)");
	fill(p, PAGE, 3);
	if (!plain_private(p))
		fail("error: after a reuse the page still looks copy-on-write (pgmap)");
	sbrk(-(int)PAGE);
	pass("cowbit");
}

/* The parent's stores right after fork must break the shares, though its
 * hart still remembers the pages as writable from the stores just before:
 * fork must flush those entries.  The child looks once they are done. */
void forkwrite(void)
{
	const uint64_t n = 8 * PAGE;
	int fds[2];
	printf("forkwrite: ");
	char *p = sbrk((int)n);
	if (p == SBRK_ERROR || pipe(fds) < 0)
		fail("sbrk or pipe failed");
	fill(p, n, 1);
	int pid = fork();
	if (pid < 0)
		fail("fork failed");
	if (pid == 0) {
		char c;
		read(fds[0], &c, 1);
		exit(holds(p, n, 1) ? 0 : 1);
	}
	fill(p, n, 2);
	write(fds[1], "x", 1);
	int status;
	wait(&status);
	close(fds[0]);
	close(fds[1]);
	if (status != 0)
		fail("error: the parent's stores after fork showed in the child "
		     "(a TLB entry left writable?)");
	if (!holds(p, n, 2))
		fail("wrong content");
	sbrk(-(int)n);
	pass("forkwrite");
}

/* Takes every page sbrk can get, then gives them back one at a time,
 * forking after each: fork meets a failed allocation at every step it
 * allocates in (its process, its tables, and with fork=copy its frames),
 * and each failure must undo all it did.  Returns how many pages it took. */
static int fork_at_every_shortage(int *failed, int *forked)
{
	int taken = 0;
	while (sbrk(64 * (int)PAGE) != SBRK_ERROR)
		taken += 64;
	while (sbrk((int)PAGE) != SBRK_ERROR)
		taken++;
	for (int k = 0; k < 160 && taken > 0; k++, taken--) {
		sbrk(-(int)PAGE);
		int pid = fork();
		if (pid == 0)
			exit(0);
		if (pid < 0) {
			++*failed;
			continue;
		}
		++*forked;
		wait(0);
	}
	return taken;
}

void forkfail(void)
{
	printf("forkfail: ");
	struct vm_stats s0 = stats();
	int failed = 0, forked = 0;
	int left = fork_at_every_shortage(&failed, &forked);
	sbrk(-left * (int)PAGE);
	struct vm_stats s1 = stats();
	printf("[fork failed %d times, succeeded %d] ", failed, forked);
	if (!failed)
		fail("error: fork never ran out of memory; the case tested nothing");
	/* Page tables of our own heap may stay; everything else is back. */
	if ((int64_t)(s0.frames_free - s1.frames_free) > 64)
		fail("error: frames leaked by forks that failed");
	pass("forkfail");
}

/* Only when named, and only with fork=table (the share lab): fork shares
 * the level-0 tables of a 16 MiB heap instead of copying their entries,
 * a store in the child makes it copy one table (an unshare), and
 * the parent's stores after the child is gone change its tables in place
 * (reuses).  vmstat's counters show it from user space. */
void tables(void)
{
	const uint64_t n = 16 * 1024 * 1024;
	int go[2];
	printf("tables: ");
	char *p = sbrk((int)n);
	if (p == SBRK_ERROR || pipe(go) < 0)
		fail("sbrk or pipe failed");
	fill(p, n, 1);
	struct vm_stats s0 = stats();
	int pid = fork();
	if (pid < 0)
		fail("fork failed");
	if (pid == 0) {
		char c;
		read(go[0], &c, 1);
		/* The last page: its table is not the one the stack page
		 * below the heap shares, which the child's own stack writes
		 * may have unshared already. */
		p[n - PAGE] = 2;
		exit(holds(p, n - PAGE, 1) ? 0 : 1);
	}
	struct vm_stats s1 = stats();
	write(go[1], "x", 1);
	int status;
	wait(&status);
	close(go[0]);
	close(go[1]);
	struct vm_stats s2 = stats();
	fill(p, n, 3);
	struct vm_stats s3 = stats();
	if (s1.table_shares - s0.table_shares < n / (2 * 1024 * 1024))
		fail("error: fork did not share the heap's level-0 tables");
	if (status != 0 || s2.table_unshares == s1.table_unshares)
		fail("error: the child's store did not unshare its table");
	if (s3.table_reuses == s2.table_reuses)
		fail("error: the parent's stores did not take its tables back");
	if (!holds(p, n, 3))
		fail("wrong content");
	sbrk(-(int)n);
	pass("tables");
}

/* Parent and child store to the same shared pages at the same moment, on
 * two harts, round after round, each its own value, then check that they
 * read back their own.  A copy that let go of the old frame before its
 * PTE stopped pointing there can copy the other side's store, or a frame
 * already freed; this makes the window wide enough to hit.  (One hart
 * can never show it: a fault runs to its end before the other side runs.) */
void race(void)
{
	const int pages = 32, rounds = 150;
	const uint64_t n = (uint64_t)pages * PAGE;
	printf("race: ");
	char *p = sbrk((int)n);
	if (p == SBRK_ERROR)
		fail("sbrk failed");
	for (int r = 0; r < rounds; r++) {
		fill(p, n, 1);
		int pid = fork();
		if (pid < 0)
			fail("fork failed");
		if (pid == 0) {
			fill(p, n, 1000 + r);
			exit(holds(p, n, 1000 + r) ? 0 : 1);
		}
		fill(p, n, 2000 + r);
		int status;
		wait(&status);
		if (status != 0 || !holds(p, n, 2000 + r))
			fail("error: a store showed in the other process, or a "
			     "copy was made of a frame already let go");
	}
	sbrk(-(int)n);
	pass("race");
}
