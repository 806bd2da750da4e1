/*
 * Memory statistics as the kernel reports them: shared by the kernel, the
 * vmstat system call and user tools, so the layout is defined once.
 */
#pragma once

#include <stdint.h>

struct vm_stats {
	uint64_t frames_free;   /* on the free list */
	uint64_t frames_used;   /* managed frames not free */
	uint64_t frames_shared; /* frames with more than one reference */
	uint64_t cow_faults;    /* store faults on copy-on-write pages, = */
	uint64_t cow_copies;    /* ... resolved by copying the frame */
	uint64_t cow_reuses;    /* ... resolved by reusing a sole-owner frame */
	uint64_t zero_fills;    /* stores to untouched demand-zero pages */
	uint64_t zero_maps;     /* loads from them: the shared zero frame */
	uint64_t tables_shared;  /* level-0 page tables used by several spaces */
	uint64_t table_shares;   /* level-0 tables fork shared (one per table) */
	uint64_t table_unshares; /* ... copied, to change one of its entries */
	uint64_t table_reuses;   /* ... changed in place: the others had gone */
	uint64_t tlb_flush_all;   /* whole-TLB flushes (new ASID generation) */
	uint64_t tlb_flush_space; /* flushes of one address space's ASID */
	uint64_t tlb_flush_page;  /* flushes of one page of one space */
	uint64_t asid_rollovers;  /* ASID generations begun after the first */
	uint64_t cow_zero_fills;  /* COW faults on the zero frame: a fresh
				     zeroed frame (the third part of cow_faults) */
	/* table_shares = table_leaves + table_extra_holders: every holder
	 * fork adds either let go (unshared to change an entry, or dropped
	 * by exit, exec or unmap) while others still held the table, or
	 * holds it now.  vmstat() takes the snapshot with every other
	 * process stopped, so the sum holds in each one. */
	uint64_t table_leaves;        /* holders that let go of a shared table */
	uint64_t table_extra_holders; /* holders beyond the first, right now */
};
