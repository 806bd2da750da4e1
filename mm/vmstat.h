/* Counting what the memory system does, for vmstat and the tests. */
#pragma once

#include "include/vmstat.h"

enum vm_event {
	VM_COW_FAULT,
	VM_COW_COPY,
	VM_COW_REUSE,
	VM_ZERO_FILL,
	VM_ZERO_MAP,
	VM_TABLE_SHARE,
	VM_TABLE_UNSHARE,
	VM_TABLE_REUSE,
	VM_EVENT_COUNT,
};

void vmstat_count(enum vm_event e);

/* Counters so far plus the current frame totals. */
void vmstat_snapshot(struct vm_stats *out);
