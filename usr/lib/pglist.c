/*
 * Printing an address space as pgmap reports it: one line per run, with
 * the region's name, and the guard page (which has no PTE, so no run) in
 * its place.  pgdump and cowshow print through this; tools/cowgraph reads
 * the -v form back, so its columns are part of the interface.
 */
#include "lib/pglist.h"

static const char *const region_names[] = {
	[PG_TEXT] = "text", [PG_DATA] = "data", [PG_STACK] = "stack",
	[PG_HEAP] = "heap",
};

static const char *const kind_names[] = {
	[PG_PRIVATE] = "private",
	[PG_SHARED] = "shared (read-only)",
	[PG_COW_SHARED] = "cow, shared",
	[PG_COW_SOLE] = "cow, sole owner",
	[PG_ZERO] = "zero frame",
};

static uint64_t followed = ~0UL; /* a page with a line of its own */

void pglist_follow(uint64_t va)
{
	followed = va & ~4095UL;
}

static int is_followed(const struct pg_run *r)
{
	return r->va == followed && r->pages == 1;
}

/* Without -v, runs that differ only in frames, counts and tables are one
 * line; the followed page is never part of another. */
static int same_line(const struct pg_run *a, const struct pg_run *b)
{
	return b->va == a->va + a->pages * 4096 && a->region == b->region &&
	       a->kind == b->kind && a->perm == b->perm &&
	       !is_followed(a) && !is_followed(b);
}

static void print_run(int fd, const struct pg_run *r, int verbose)
{
	fprintf(fd, "0x%010lx-0x%010lx %6lu  %c%c%c  %-5s  %s",
		r->va, r->va + r->pages * 4096, r->pages,
		r->perm & PG_R ? 'r' : '-', r->perm & PG_W ? 'w' : '-',
		r->perm & PG_X ? 'x' : '-', region_names[r->region],
		kind_names[r->kind]);
	if (verbose) {
		fprintf(fd, "  frame 0x%lx refs %u", r->frame, r->refs);
		fprintf(fd, "  table 0x%lx", r->table);
		if (r->table_refs > 1)
			fprintf(fd, " shared by %u", r->table_refs);
	}
	fprintf(fd, "%s\n", is_followed(r) ? "  <- the page followed" : "");
}

static void print_guard(int fd, const struct pg_space *sp)
{
	uint64_t guard = sp->heap_base - 2 * 4096;
	fprintf(fd, "0x%010lx-0x%010lx %6d  ---  guard  (no mapping: a stack "
		    "overflow faults)\n", guard, guard + 4096, 1);
}

/* Lines are printed as runs come: one pending line, merged with the next
 * run when they read alike, and the guard page before the stack.  At
 * verbose 2, a line names the level-1 table before the first run under
 * it. */
struct printer {
	int fd, verbose, have_line, guard_done;
	const struct pg_space *sp;
	struct pg_run line;
	uint64_t level1; /* the one last named */
};

static void print_level1(struct printer *p, const struct pg_run *r)
{
	if (p->verbose < 2 || r->level1 == p->level1)
		return;
	p->level1 = r->level1;
	fprintf(p->fd, "level-1 table 0x%lx held by %u, root entry %lu\n",
		r->level1, r->level1_refs, r->va >> 30);
}

static void header(int fd, const struct pg_space *sp)
{
	fprintf(fd, "pid %d (%s): break 0x%lx, root table 0x%lx\n", sp->pid,
		sp->name, sp->sz, sp->root);
	fprintf(fd, "start        end           pages  perm  region  what\n");
}

/* The pending line, after its level-1 table's line if that is new. */
static void print_pending(struct printer *p)
{
	print_level1(p, &p->line);
	print_run(p->fd, &p->line, p->verbose);
}

static void add(struct printer *p, const struct pg_run *r);

/* A run holding the followed page becomes up to three: before, the page,
 * after (frames follow each other in a run, but for the zero frame). */
static int split_followed(struct printer *p, const struct pg_run *r)
{
	uint64_t end = r->va + r->pages * 4096;
	if (r->pages == 1 || followed < r->va || followed >= end)
		return 0;
	uint64_t cuts[3] = { r->va, followed, followed + 4096 };
	for (int i = 0; i < 3; i++) {
		uint64_t to = i < 2 ? cuts[i + 1] : end;
		if (to <= cuts[i])
			continue;
		struct pg_run part = *r;
		part.va = cuts[i];
		part.pages = (to - cuts[i]) / 4096;
		if (r->kind != PG_ZERO)
			part.frame = r->frame + (cuts[i] - r->va);
		add(p, &part);
	}
	return 1;
}

static void add(struct printer *p, const struct pg_run *r)
{
	if (split_followed(p, r))
		return;
	if (p->have_line && !p->verbose && same_line(&p->line, r)) {
		p->line.pages += r->pages;
		return;
	}
	if (p->have_line)
		print_pending(p);
	if (!p->guard_done && r->va >= p->sp->heap_base - 4096) {
		print_guard(p->fd, p->sp);
		p->guard_done = 1;
	}
	p->line = *r;
	p->have_line = 1;
}

static void finish(struct printer *p)
{
	if (p->have_line)
		print_pending(p);
}

int pglist_print(int fd, int pid, int verbose)
{
	struct pg_run runs[32];
	struct pg_space sp;
	uint64_t from = 0;
	int n;
	if (pgmap(pid, 0, runs, 0, &sp) < 0)
		return -1;
	struct printer p = { .fd = fd, .verbose = verbose, .sp = &sp };
	header(fd, &sp);
	while ((n = pgmap(pid, from, runs, 32, &sp)) > 0) {
		for (int i = 0; i < n; i++)
			add(&p, &runs[i]);
		from = runs[n - 1].va + runs[n - 1].pages * 4096;
	}
	finish(&p);
	return n < 0 ? -1 : 0;
}

void pglist_print_runs(int fd, const struct pg_space *sp,
		       const struct pg_run *runs, int n, int verbose)
{
	struct printer p = { .fd = fd, .verbose = verbose, .sp = sp };
	header(fd, sp);
	for (int i = 0; i < n; i++)
		add(&p, &runs[i]);
	finish(&p);
}
