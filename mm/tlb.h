/* Keeping this hart's TLB in step with page-table edits. */
#pragma once

#include <stdint.h>

/* Bulk edits flush page by page up to this many pages, then flush the
 * whole TLB once instead: past this point that is cheaper. */
#define TLB_FLUSH_PAGES_MAX 32

#ifdef SV39COW_HOST
/* Host tests count flushes instead of performing them. */
void tlb_flush_page(uintptr_t va);
void tlb_flush_all(void);
#else
#include "arch/riscv.h"

static inline void tlb_flush_page(uintptr_t va)
{
	sfence_vma_page(va);
}

static inline void tlb_flush_all(void)
{
	sfence_vma_all();
}
#endif
