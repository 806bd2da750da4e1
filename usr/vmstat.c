/*
 * vmstat: the kernel's memory statistics (system call 101).
 *
 *   vmstat            totals since boot
 *   vmstat -v         the same, then every shared frame and who maps it
 *   vmstat CMD ARGS   what running one command changed (like time)
 *   vmstat -h         what each line means
 */
#include "lib/user.h"

static const char help[] =
	"frames free    frames on the free lists (4 KiB each)\n"
	"frames used    every other managed frame: user pages, page tables,\n"
	"               pipe buffers, the zero frame\n"
	"frames shared  frames with more than one reference right now\n"
	"cow faults     stores to copy-on-write pages; each ends one of\n"
	"               three ways, and the line shows the sum:\n"
	"                 copies: the frame was shared, so a copy was made\n"
	"                 reuses: the others had gone, the frame is kept\n"
	"                 zero-frame: the page mapped the zero frame, so a\n"
	"                 fresh zeroed frame replaced it (no copy)\n"
	"zero fills     stores to demand-zero heap pages never touched\n"
	"zero maps      loads from such pages: they map the shared zero frame\n"
	"tables shared  level-0 page tables that fork shares right now\n"
	"table shares   holders fork added to level-0 tables (one per table\n"
	"               per fork), = left: holders that let go of a table\n"
	"               others still held (unshared it to change an entry,\n"
	"               or dropped it in exit, exec or unmap) + still shared:\n"
	"               holders beyond the first, now (with a command: how\n"
	"               that changed).  In brackets: unshares (the copies\n"
	"               among those that left) and reuses (a last holder took\n"
	"               a marked table over in place; no holder left)\n"
	"tlb flushes    all: the whole TLB (a new ASID generation);\n"
	"               space: one address space's ASID; page: one page\n"
	"asid gens      ASID generations begun after the first\n"
	"With a command, event lines count what happened while it ran (on\n"
	"every hart, so other activity is included) and frame lines show\n"
	"before -> after.  Each snapshot is taken with every other process\n"
	"stopped, so every sum above holds in it.  vmstat -v then lists\n"
	"every shared frame and each (pid, va) that maps it.\n";

/* extra: the holders beyond the first now, or how that changed. */
static void print_events(const struct vm_stats *s, long extra)
{
	printf("cow faults     %lu = copies %lu + reuses %lu + zero-frame %lu\n",
	       s->cow_faults, s->cow_copies, s->cow_reuses, s->cow_zero_fills);
	printf("zero fills     %lu\n", s->zero_fills);
	printf("zero maps      %lu\n", s->zero_maps);
	printf("table shares   %lu = left %lu + still shared %ld "
	       "(unshares %lu, reuses %lu)\n",
	       s->table_shares, s->table_leaves, extra, s->table_unshares,
	       s->table_reuses);
	printf("tlb flushes    %lu = all %lu + space %lu + page %lu\n",
	       s->tlb_flush_all + s->tlb_flush_space + s->tlb_flush_page,
	       s->tlb_flush_all, s->tlb_flush_space, s->tlb_flush_page);
	printf("asid gens      %lu\n", s->asid_rollovers);
}

static void print_totals(const struct vm_stats *s)
{
	printf("frames free    %lu (%lu KiB)\n", s->frames_free,
	       s->frames_free * 4);
	printf("frames used    %lu\n", s->frames_used);
	printf("frames shared  %lu\n", s->frames_shared);
	printf("tables shared  %lu\n", s->tables_shared);
	print_events(s, (long)s->table_extra_holders);
}

/* The event counters of after less before; frame counts as they are. */
static struct vm_stats difference(const struct vm_stats *a,
				  const struct vm_stats *b)
{
	struct vm_stats d = *b;
	d.cow_faults -= a->cow_faults;
	d.cow_copies -= a->cow_copies;
	d.cow_reuses -= a->cow_reuses;
	d.cow_zero_fills -= a->cow_zero_fills;
	d.zero_fills -= a->zero_fills;
	d.zero_maps -= a->zero_maps;
	d.table_shares -= a->table_shares;
	d.table_unshares -= a->table_unshares;
	d.table_reuses -= a->table_reuses;
	d.table_leaves -= a->table_leaves;
	d.tlb_flush_all -= a->tlb_flush_all;
	d.tlb_flush_space -= a->tlb_flush_space;
	d.tlb_flush_page -= a->tlb_flush_page;
	d.asid_rollovers -= a->asid_rollovers;
	return d;
}

static int run_measured(char **argv)
{
	struct vm_stats before, after;
	vmstat(&before);
	int pid = fork();
	if (pid < 0) {
		fprintf(2, "vmstat: fork failed\n");
		return 1;
	}
	if (pid == 0) {
		exec(argv[0], argv);
		fprintf(2, "vmstat: exec %s failed\n", argv[0]);
		exit(1);
	}
	int status = -1, w;
	while ((w = wait(&status)) >= 0 && w != pid)
		;
	vmstat(&after);
	struct vm_stats d = difference(&before, &after);
	printf("vmstat: %s exited with status %d; while it ran:\n", argv[0],
	       status);
	printf("frames free    %lu -> %lu\n", before.frames_free,
	       after.frames_free);
	printf("frames shared  %lu -> %lu\n", before.frames_shared,
	       after.frames_shared);
	print_events(&d, (long)after.table_extra_holders -
				 (long)before.table_extra_holders);
	return status;
}

#define MAX_SHARED 64

/* Adds frame to the set unless it is there; 0 if the set is full. */
static int remember(uint64_t *set, int *n, uint64_t frame)
{
	for (int i = 0; i < *n; i++)
		if (set[i] == frame)
			return 1;
	if (*n == MAX_SHARED)
		return 0;
	set[(*n)++] = frame;
	return 1;
}

/* Every frame some page maps with a count above 1, or in a level-0 table
 * fork shares: the pages of every process (pids up to our own, through
 * pgmap), then each frame's holders (pgowners). */
static void list_shared(void)
{
	uint64_t frames[MAX_SHARED];
	int n = 0, full = 0;
	for (int pid = 1; pid <= getpid() && !full; pid++) {
		struct pg_run runs[16];
		struct pg_space sp;
		uint64_t from = 0;
		int got;
		while (!full && (got = pgmap(pid, from, runs, 16, &sp)) > 0) {
			for (int i = 0; i < got && !full; i++) {
				const struct pg_run *r = &runs[i];
				if (r->refs > 1 || r->table_refs > 1)
					for (uint64_t k = 0; k < r->pages && !full; k++)
						full = !remember(frames, &n,
							r->kind == PG_ZERO ? r->frame
							: r->frame + k * 4096);
				from = r->va + r->pages * 4096;
			}
			if (got < 16)
				break;
		}
	}
	printf("shared frames (a count above 1, or in a table fork shares):\n");
	for (int i = 0; i < n; i++) {
		struct pg_owner o[32];
		int k = pgowners(frames[i], o, 32);
		if (k <= 0)
			continue;
		printf("  0x%lx refs %u:", frames[i], o[0].refs);
		for (int j = 0; j < k; j++)
			printf(" pid %d (%s) va 0x%lx%s", o[j].pid, o[j].name, o[j].va,
			       o[j].table_refs > 1 ? " [table shared]" : "");
		printf("\n");
	}
	if (full)
		printf("  (the first %d; there are more)\n", MAX_SHARED);
}

int main(int argc, char **argv)
{
	struct vm_stats s;
	if (argc > 1 && strcmp(argv[1], "-h") == 0) {
		printf("%s", help);
		return 0;
	}
	int verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
	if (argc > 1 && !verbose)
		return run_measured(argv + 1);
	if (vmstat(&s) < 0) {
		fprintf(2, "vmstat: failed\n");
		return 1;
	}
	print_totals(&s);
	if (verbose)
		list_shared();
	return 0;
}
