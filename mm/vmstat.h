/* Counting what the memory system does, for vmstat and the tests. */
#pragma once

#include <stdint.h>

#include "include/fault.h"
#include "include/vmstat.h"

/* The counters: one per fault outcome (include/fault.h), counted once by
 * fault_resolve as it returns, so vmstat's sums of outcomes hold; then
 * the table and TLB events. */
enum vm_event {
#define VM_FAULT_EVENT(id, name, meaning) VM_FAULT_##id,
	FAULT_OUTCOMES(VM_FAULT_EVENT)
#undef VM_FAULT_EVENT
	VM_TABLE_SHARE,
	VM_TABLE_UNSHARE,
	VM_TABLE_REUSE,
	VM_TABLE_LEAVE,
	VM_TLB_FLUSH_ALL,
	VM_TLB_FLUSH_SPACE,
	VM_TLB_FLUSH_PAGE,
	VM_ASID_ROLLOVER,
	VM_EVENT_COUNT,
};

/* Event counters, bumped with relaxed atomics: they are statistics, read
 * as a snapshot that need not be consistent across counters.  Inline:
 * every fault counts, and one atomic add is all it takes. */
extern uint64_t vmstat_events[VM_EVENT_COUNT];

static inline void vmstat_count(enum vm_event e)
{
	__atomic_fetch_add(&vmstat_events[e], 1, __ATOMIC_RELAXED);
}

_Static_assert(VM_FAULT_COW_COPY == (int)FAULT_COW_COPY &&
		       VM_FAULT_NO_MEMORY == (int)FAULT_NO_MEMORY,
	       "a fault outcome is its own counter's index");

static inline void vmstat_count_fault(enum fault_outcome o)
{
	vmstat_count((enum vm_event)o);
}

/* Counters so far plus the current frame totals. */
void vmstat_snapshot(struct vm_stats *out);
