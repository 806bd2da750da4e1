/*
 * How a page fault ends: the kernel's decision (docs/cow.md draws the
 * table), and the report of what it did (mm/fault.c fills it).  This one
 * list makes the kernel's enum, vmstat's counters and the names trace
 * prints (lib/tracefmt.c), in the kernel's console trace and the trace
 * program alike, so they cannot drift apart.
 *
 * X(ID, name, meaning).  The first six retry the access, which will then
 * succeed; the others kill the process (or fail the kernel's copy), with
 * the meaning as the reason.
 */
#pragma once

#include <stdint.h>

#define FAULT_OUTCOMES(X)                                                      \
	X(COW_COPY, "cow-copy", "store, frame shared: copied")            \
	X(COW_REUSE, "cow-reuse", "store, the others gone: frame kept")   \
	X(COW_ZERO, "cow-zero", "store to the zero frame: a fresh frame") \
	X(ZERO_FILL, "zero-fill", "store to an untouched heap page")      \
	X(ZERO_MAP, "zero-map", "load from one: the zero frame, read-only")\
	X(STALE_TLB, "stale-tlb", "the PTE allowed it: a stale TLB entry")\
	X(UNMAPPED, "unmapped", "no memory mapped there")                 \
	X(PROTECTION, "protection", "access not allowed")                 \
	X(BAD_ADDRESS, "bad-address", "not a user address")               \
	X(NO_MEMORY, "no-memory", "out of memory")

enum fault_outcome {
#define FAULT_ENUM(id, name, meaning) FAULT_##id,
	FAULT_OUTCOMES(FAULT_ENUM)
#undef FAULT_ENUM
	FAULT_OUTCOME_COUNT
};

static inline int fault_handled(enum fault_outcome o)
{
	return o < FAULT_UNMAPPED;
}

/* What one fault did.  The frame before is what va mapped (0: nothing);
 * the frame after is what it maps now (0 if the fault was refused).  The
 * counts are the old frame's, before and after; with no old frame, the
 * new frame's, twice. */
struct fault_report {
	enum fault_outcome outcome;
	uint32_t table_refs; /* holders of va's level-0 table (0: none) */
	uint64_t frame_before, frame_after; /* physical addresses */
	uint32_t refs_before, refs_after;
	/* The level-0 table before, and, if the fault had to make it ours
	 * alone before deciding (docs/cow.md §8), the table after: a copy
	 * (unshared), or the same table with its read-only mark cleared
	 * (reused).  table_after is 0 when the table was ours already. */
	uint64_t table_before, table_after;
};
