/* Counting what the memory system does, for vmstat and the tests. */
#pragma once

#include <stdint.h>

#include "include/vmstat.h"

enum vm_event {
	VM_COW_FAULT,
	VM_COW_COPY,
	VM_COW_REUSE,
	VM_COW_ZERO,
	VM_ZERO_FILL,
	VM_ZERO_MAP,
	VM_TABLE_SHARE,
	VM_TABLE_UNSHARE,
	VM_TABLE_REUSE,
	VM_TLB_FLUSH_ALL,
	VM_TLB_FLUSH_SPACE,
	VM_TLB_FLUSH_PAGE,
	VM_ASID_ROLLOVER,
	VM_EVENT_COUNT,
};

/* Event counters, bumped with relaxed atomics: they are statistics, read
 * as a snapshot that need not be consistent across counters.  Inline:
 * a COW break counts twice, and one atomic add is all it takes. */
extern uint64_t vmstat_events[VM_EVENT_COUNT];

static inline void vmstat_count(enum vm_event e)
{
	__atomic_fetch_add(&vmstat_events[e], 1, __ATOMIC_RELAXED);
}

/* Counters so far plus the current frame totals. */
void vmstat_snapshot(struct vm_stats *out);
