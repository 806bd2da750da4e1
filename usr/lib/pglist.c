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

/* Without -v, runs that differ only in frames, counts and tables are one
 * line. */
static int same_line(const struct pg_run *a, const struct pg_run *b)
{
	return b->va == a->va + a->pages * 4096 && a->region == b->region &&
	       a->kind == b->kind && a->perm == b->perm;
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
	fprintf(fd, "\n");
}

static void print_guard(int fd, const struct pg_space *sp)
{
	uint64_t guard = sp->heap_base - 2 * 4096;
	fprintf(fd, "0x%010lx-0x%010lx %6d  ---  guard  (no mapping: a stack "
		    "overflow faults)\n", guard, guard + 4096, 1);
}

int pglist_print(int fd, int pid, int verbose)
{
	struct pg_run runs[32], line;
	struct pg_space sp;
	uint64_t from = 0;
	int have_line = 0, guard_done = 0, n;
	if (pgmap(pid, 0, runs, 0, &sp) < 0)
		return -1;
	fprintf(fd, "pid %d (%s): break 0x%lx, root table 0x%lx\n", sp.pid,
		sp.name, sp.sz, sp.root);
	fprintf(fd, "start        end           pages  perm  region  what\n");
	while ((n = pgmap(pid, from, runs, 32, &sp)) > 0) {
		for (int i = 0; i < n; i++) {
			const struct pg_run *r = &runs[i];
			if (have_line && !verbose && same_line(&line, r)) {
				line.pages += r->pages;
				continue;
			}
			if (have_line)
				print_run(fd, &line, verbose);
			if (!guard_done && r->va >= sp.heap_base - 4096) {
				print_guard(fd, &sp);
				guard_done = 1;
			}
			line = *r;
			have_line = 1;
		}
		from = runs[n - 1].va + runs[n - 1].pages * 4096;
	}
	if (have_line)
		print_run(fd, &line, verbose);
	return n < 0 ? -1 : 0;
}
