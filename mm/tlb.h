/*
 * Keeping this hart's TLB in step with page-table edits.  Edits to user
 * mappings flush by the running space's ASID (cpu->asid), which leaves the
 * kernel's global entries and other spaces' entries alone; only ASID
 * bookkeeping (mm/asid.c) flushes everything.  Each flush is counted for
 * vmstat.
 */
#pragma once

#include <stdint.h>

#ifdef SV39COW_HOST
/* Host tests count flushes instead of performing them. */
void tlb_flush_page(uintptr_t va);
void tlb_flush_user(void);
void tlb_flush_all(void);
#else
#include "arch/cpu.h"
#include "mm/vmstat.h"

/* One page of the running space. */
static inline void tlb_flush_page(uintptr_t va)
{
	uint64_t asid = cpu_this()->asid;
	__asm__ volatile("sfence.vma %0, %1" ::"r"(va), "r"(asid) : "memory");
	vmstat_count(VM_TLB_FLUSH_PAGE);
}

/* Every user page of the running space. */
static inline void tlb_flush_user(void)
{
	uint64_t asid = cpu_this()->asid;
	__asm__ volatile("sfence.vma zero, %0" ::"r"(asid) : "memory");
	vmstat_count(VM_TLB_FLUSH_SPACE);
}

/* Everything, global entries included. */
static inline void tlb_flush_all(void)
{
	__asm__ volatile("sfence.vma zero, zero" ::: "memory");
	vmstat_count(VM_TLB_FLUSH_ALL);
}
#endif
