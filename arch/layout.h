/*
 * The kernel's virtual address space.  The upper half of Sv39 belongs to
 * the kernel and is the same in every page table; the lower half belongs to
 * the running process.  Drawn and explained in docs/memory.md.
 */
#pragma once

#ifdef __ASSEMBLER__
#define UL_(x) x
#else
#define UL_(x) x##UL
#include <stdint.h>
typedef uint64_t paddr_t; /* a physical address */
#endif

#define PAGE_SIZE UL_(4096)
#define PAGE_SHIFT 12
#define PAGE_ROUND_UP(a) (((a) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))
#define PAGE_ROUND_DOWN(a) ((a) & ~(PAGE_SIZE - 1))

/*
 * Every physical address pa is visible to the kernel at pa + DMAP_BASE
 * (the "direct map").  The kernel image itself is linked inside the direct
 * map, at the address its load address maps to, so there is exactly one
 * virtual alias of each physical page and W^X holds for the image.
 */
#define DMAP_BASE UL_(0xffffffc000000000)
#define DMAP_LIMIT_PA UL_(0x4000000000) /* the direct map spans 256 GiB */

#ifndef __ASSEMBLER__
/* The process half, [0, USER_TOP): xv6's MAXVA, which user programs
 * compile in. */
#include "include/user_layout.h"

#ifdef SV39COW_HOST
/* Host unit tests back "physical memory" with a heap buffer; the harness
 * sets this so that pa + dmap_offset lands inside it. */
extern uintptr_t dmap_offset;
#else
#define dmap_offset DMAP_BASE
#endif

static inline void *pa_to_kva(paddr_t pa)
{
	return (void *)(uintptr_t)(pa + dmap_offset);
}

static inline paddr_t kva_to_pa(const void *kva)
{
	return (paddr_t)((uintptr_t)kva - dmap_offset);
}
#endif /* !__ASSEMBLER__ */
