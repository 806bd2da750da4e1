/*
 * cowshow: copy-on-write, step by step, on one page.  The parent writes
 * a page, forks (forksnap: step 1 is both spaces the moment fork shared
 * them, before either ran on), and then parent and child take turns
 * (through pipes) writing to it.  After each step it prints both page
 * tables as pgdump -t would (frames, reference counts, level-0 and
 * level-1 tables), the counters that changed, and one sentence on what
 * happened.  The page is `page` below: its line is marked "<- the page
 * followed".
 */
#include "lib/pglist.h"
#include "lib/user.h"

static char page[4096] __attribute__((aligned(4096)));

static struct vm_stats last;

static void counters(void)
{
	struct vm_stats now;
	vmstat(&now);
	printf("counters: cow faults +%lu (copies +%lu, reuses +%lu), frames "
	       "free %lu -> %lu\n",
	       now.cow_faults - last.cow_faults,
	       now.cow_copies - last.cow_copies,
	       now.cow_reuses - last.cow_reuses, last.frames_free,
	       now.frames_free);
	last = now;
}

static void step(int n, const char *what, int child)
{
	printf("\n=== step %d: %s\n", n, what);
	pglist_print(1, 0, 2);
	if (child)
		pglist_print(1, child, 2);
	counters();
}

/* The child's side: store when told, say so, exit when told. */
static void child_turns(int from_parent, int to_parent)
{
	char c;
	if (read(from_parent, &c, 1) != 1)
		exit(1);
	page[0] = 'c'; /* the store: a private copy */
	write(to_parent, "w", 1);
	read(from_parent, &c, 1); /* until the parent has shown it all */
	exit(0);
}

int main(void)
{
	int down[2], up[2];
	char c;
	if (pipe(down) < 0 || pipe(up) < 0) {
		fprintf(2, "cowshow: pipe failed\n");
		return 1;
	}
	page[0] = 'p';
	vmstat(&last);
	printf("cowshow: the page at 0x%lx, in data; pid %d\n",
	       (uint64_t)(uintptr_t)page, getpid());
	pglist_follow((uint64_t)(uintptr_t)page);
	step(0, "before fork: the page is private to the parent, refs 1", 0);

	static struct fork_snapshot snap;
	int pid = forksnap(&snap);
	if (pid < 0) {
		fprintf(2, "cowshow: fork failed\n");
		return 1;
	}
	if (pid == 0)
		child_turns(down[0], up[1]);
	printf("\n=== step 1: the moment of fork, before either process ran "
	       "on (the kernel's snapshot): every writable page is read-only "
	       "and copy-on-write in both, the same frames; in the default "
	       "fork mode both roots point at the same level-0 tables "
	       "(shared by 2), each frame counted once for both\n");
	pglist_print_runs(1, &snap.parent, snap.parent_runs, snap.nparent, 2);
	pglist_print_runs(1, &snap.child, snap.child_runs, snap.nchild, 2);
	step(2, "after fork, once they ran on: the first to store (to its "
		"stack, or to the counters cowshow keeps in data) copied the "
		"shared table, made it its own, and copied those pages; the "
		"other keeps the original table, alone now, and is the sole "
		"owner of the pages the first copied", pid);

	write(down[1], "1", 1);
	read(up[0], &c, 1);
	step(3, "the child stored to the page: it got a copy (a new frame, "
		"refs 1); the parent's frame lost a reference and the parent "
		"is its sole owner, still marked copy-on-write", pid);

	page[0] = 'P';
	step(4, "the parent stored to its page: the count was 1, so the "
		"kernel reused the frame (no copy) and made it writable again",
	     pid);

	write(down[1], "2", 1);
	wait(0);
	step(5, "the child exited: its frames went back to the free list", 0);
	return page[0] == 'P' ? 0 : 1;
}
