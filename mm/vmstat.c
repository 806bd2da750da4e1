/* vmstat(): the event counters (mm/vmstat.h) and the frame totals. */
#include "mm/vmstat.h"

#include "mm/frame.h"

uint64_t vmstat_events[VM_EVENT_COUNT];

static uint64_t event(enum vm_event e)
{
	return __atomic_load_n(&vmstat_events[e], __ATOMIC_RELAXED);
}

void vmstat_snapshot(struct vm_stats *out)
{
	out->frames_free = frame_free_count();
	out->frames_used = frame_managed_count() - out->frames_free;
	out->frames_shared = frame_shared_count(&out->tables_shared,
						&out->table_extra_holders);
	out->cow_copies = event(VM_FAULT_COW_COPY);
	out->cow_reuses = event(VM_FAULT_COW_REUSE);
	out->cow_zero_fills = event(VM_FAULT_COW_ZERO);
	/* Derived, not counted apart: the sum holds in every snapshot. */
	out->cow_faults = out->cow_copies + out->cow_reuses +
			  out->cow_zero_fills;
	out->zero_fills = event(VM_FAULT_ZERO_FILL);
	out->zero_maps = event(VM_FAULT_ZERO_MAP);
	out->table_shares = event(VM_TABLE_SHARE);
	out->table_unshares = event(VM_TABLE_UNSHARE);
	out->table_reuses = event(VM_TABLE_REUSE);
	out->table_leaves = event(VM_TABLE_LEAVE);
	out->tlb_flush_all = event(VM_TLB_FLUSH_ALL);
	out->tlb_flush_space = event(VM_TLB_FLUSH_SPACE);
	out->tlb_flush_page = event(VM_TLB_FLUSH_PAGE);
	out->asid_rollovers = event(VM_ASID_ROLLOVER);
}
