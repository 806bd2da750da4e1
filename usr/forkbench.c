/*
 * forkbench: what fork costs, and what the copy-on-write that follows
 * costs, for heaps of 0, 1, 4, 16 and 64 MiB (or the sizes given, in MiB).
 *
 * Counts are the hart's retired instructions (rdinstret, user and kernel
 * alike), read around each step.  Under QEMU's -icount
 * shift=0,align=off,sleep=off with one hart (`meson test --benchmark`)
 * they are exact and repeatable; elsewhere they are whatever the counter
 * says.  Each figure is the smallest of a few repetitions.  Columns:
 *
 *   fork        fork of a parent that has not written since its last fork
 *   fork-dirty  fork right after the parent wrote every page
 *   fork+wait   fork, the child exits at once, the parent waits for it
 *   child/pg    the child writing every page of a fresh fork, per page
 *   break/pg    the same less the loop's own cost (the child's second
 *               pass over pages now its own): trap, fault and copy
 *   parent/pg   the parent writing every page after the child exited
 */
#include "lib/user.h"

#define MiB (1024 * 1024)
#define PAGE 4096
#define REPEAT 3

static char *heap;
static int pages;

static void touch_all(void)
{
	for (int i = 0; i < pages; i++)
		heap[(long)i * PAGE] = (char)i;
}

static uint64_t min(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/* The cost of the fork() call.  A fork that copies 64 MiB (fork=copy)
 * spans several ticks, and the tick at its end may run the child before
 * the parent reads the counter: so the child sleeps until the parent has
 * read it and killed it, and only a switch, not its exit, can fall into
 * the figure.  The sleep writes no memory, so in the COW modes the child
 * breaks no share the parent's next fork would have to redo. */
static uint64_t fork_once(int dirty)
{
	if (dirty)
		touch_all();
	uint64_t t0 = read_instret();
	int pid = fork();
	uint64_t t1 = read_instret();
	if (pid == 0) {
		pause(1 << 30);
		exit(0);
	}
	kill(pid);
	wait(0);
	return t1 - t0;
}

static uint64_t fork_exit_wait(void)
{
	uint64_t t0 = read_instret();
	int pid = fork();
	if (pid == 0)
		exit(0);
	wait(0);
	return read_instret() - t0;
}

/* The child writes every page twice and reports both counts through a
 * pipe: the first pass faults on every page, the second on none. */
static void child_writes(uint64_t n[2])
{
	int fds[2];
	pipe(fds);
	int pid = fork();
	if (pid == 0) {
		uint64_t t0 = read_instret();
		touch_all();
		uint64_t t1 = read_instret();
		touch_all();
		n[0] = t1 - t0;
		n[1] = read_instret() - t1;
		write(fds[1], n, 2 * sizeof n[0]);
		exit(0);
	}
	read(fds[0], n, 2 * sizeof n[0]);
	wait(0);
	close(fds[0]);
	close(fds[1]);
}

static uint64_t parent_writes_after_child(void)
{
	int pid = fork();
	if (pid == 0)
		exit(0);
	wait(0);
	uint64_t t0 = read_instret();
	touch_all();
	return read_instret() - t0;
}

static int bench(int mib)
{
	pages = mib * (MiB / PAGE);
	heap = sbrk(mib * MiB);
	if (heap == SBRK_ERROR) {
		printf("forkbench: no room for %d MiB\n", mib);
		return -1;
	}
	touch_all();
	uint64_t clean = ~0UL, dirty = ~0UL, whole = ~0UL, child = ~0UL,
		 brk = ~0UL, parent = ~0UL;
	fork_once(0); /* the first fork after growth pays for new tables */
	for (int r = 0; r < REPEAT; r++) {
		clean = min(clean, fork_once(0));
		dirty = min(dirty, fork_once(1));
		whole = min(whole, fork_exit_wait());
		if (pages) {
			uint64_t n[2];
			child_writes(n);
			child = min(child, n[0] / pages);
			/* With fork=copy nothing faults: both passes
			 * cost the same, give or take an instruction. */
			brk = min(brk, n[0] > n[1] ? (n[0] - n[1]) / pages : 0);
			parent = min(parent, parent_writes_after_child() / pages);
		}
	}
	if (!pages)
		child = brk = parent = 0;
	printf("%3d MiB %10lu %10lu %10lu %9lu %9lu %9lu\n", mib, clean,
	       dirty, whole, child, brk, parent);
	sbrk(-(mib * MiB));
	return 0;
}

int main(int argc, char **argv)
{
	static const int sizes[] = { 0, 1, 4, 16, 64 };
	int failed = 0;
	printf("forkbench: instructions (exact under -icount, one hart)\n");
	printf("   heap       fork fork-dirty  fork+wait  child/pg  break/pg "
	       "parent/pg\n");
	if (argc > 1)
		for (int i = 1; i < argc; i++)
			failed |= bench(atoi(argv[i]));
	else
		for (int i = 0; i < (int)(sizeof sizes / sizeof sizes[0]); i++)
			failed |= bench(sizes[i]);
	return failed ? 1 : 0;
}
