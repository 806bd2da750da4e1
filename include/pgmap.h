/*
 * What the pgmap system call (102) reports of an address space: runs of
 * pages, each as the kernel sees it, and what pgowners (107) reports of a
 * frame: every page that maps it.  Shared by the kernel, pgdump, cowshow,
 * pgowners and tools/cowgraph's reading of pgdump's output (docs/cow.md).
 */
#pragma once

#include <stdint.h>

/* Where the page lies (include/user_layout.h): code and data come from the
 * program file, the stack page and its guard sit right below the heap. */
enum pg_region { PG_TEXT, PG_DATA, PG_STACK, PG_HEAP };

/* What maps the frame. */
enum pg_kind {
	PG_PRIVATE,    /* this space's alone, writable or not */
	PG_SHARED,     /* read-only and mapped by several spaces (code) */
	PG_COW_SHARED, /* copy-on-write, the frame still shared: a store copies */
	PG_COW_SOLE,   /* copy-on-write, the others gone: a store reuses it */
	PG_ZERO,       /* the shared zero frame: a store fills a fresh frame */
};

#define PG_R 1 /* the permissions in the PTE, as the hart sees them */
#define PG_W 2
#define PG_X 4

/* Pages [va, va + pages * 4096) with the same region, kind and
 * permissions, in one level-0 table, whose frames follow each other
 * (except the zero frame, which every such page maps) and have the same
 * reference count. */
struct pg_run {
	uint64_t va;
	uint64_t pages;
	uint64_t frame;      /* physical address of the first page's frame */
	uint64_t table;      /* physical address of the level-0 table */
	uint32_t refs;       /* the frame's reference count */
	uint32_t table_refs; /* the table's: above 1, fork shares the table */
	uint8_t region;      /* enum pg_region */
	uint8_t kind;        /* enum pg_kind */
	uint8_t perm;        /* PG_R | PG_W | PG_X */
	uint8_t pad[5];
	uint64_t level1;      /* the level-1 table whose entry names the table */
	uint32_t level1_refs; /* its reference count */
	uint32_t pad2;
};

/* The process the runs belong to. */
struct pg_space {
	int32_t pid;
	char name[16];
	uint64_t sz;        /* the break */
	uint64_t heap_base; /* the stack page is just below, its guard below that */
	uint64_t root;      /* physical address of the root table */
};

/* One user page that maps the frame pgowners(pa, owners, max) asks about;
 * the kernel looks with every other process stopped, as for pgmap. */
struct pg_owner {
	int32_t pid;
	uint32_t refs;       /* the frame's reference count */
	uint32_t table_refs; /* holders of the level-0 table the leaf is in */
	uint8_t perm;        /* PG_R | PG_W | PG_X */
	uint8_t cow;         /* the leaf carries the COW bit */
	uint8_t pad[2];
	uint64_t va;
	uint64_t table;      /* physical address of that level-0 table */
	char name[16];
};

/* forksnap(snap): fork, and both address spaces as they were the moment
 * fork shared them, before either process ran on: the listings that show
 * a level-0 table held by two roots (cowshow's step 1).  In the child it
 * returns 0 and writes nothing; a parent left with no memory to copy the
 * buffer's page into finds nparent 0. */
#define FORK_SNAPSHOT_RUNS 16
struct fork_snapshot {
	struct pg_space parent, child;
	int32_t nparent, nchild; /* runs filled, the first ones of each */
	struct pg_run parent_runs[FORK_SNAPSHOT_RUNS];
	struct pg_run child_runs[FORK_SNAPSHOT_RUNS];
};
