/*
 * Event counters, bumped with relaxed atomics: they are statistics, read
 * as a snapshot that need not be consistent across counters.
 */
#include "mm/vmstat.h"

#include "mm/frame.h"

static uint64_t events[VM_EVENT_COUNT];

void vmstat_count(enum vm_event e)
{
	__atomic_fetch_add(&events[e], 1, __ATOMIC_RELAXED);
}

static uint64_t event(enum vm_event e)
{
	return __atomic_load_n(&events[e], __ATOMIC_RELAXED);
}

void vmstat_snapshot(struct vm_stats *out)
{
	out->frames_free = frame_free_count();
	out->frames_used = frame_managed_count() - out->frames_free;
	out->frames_shared = frame_shared_count(&out->tables_shared);
	out->cow_faults = event(VM_COW_FAULT);
	out->cow_copies = event(VM_COW_COPY);
	out->cow_reuses = event(VM_COW_REUSE);
	out->zero_fills = event(VM_ZERO_FILL);
	out->zero_maps = event(VM_ZERO_MAP);
	out->table_shares = event(VM_TABLE_SHARE);
	out->table_unshares = event(VM_TABLE_UNSHARE);
	out->table_reuses = event(VM_TABLE_REUSE);
}
