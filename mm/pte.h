/*
 * Sv39 page-table entries: the only file that knows PTE bit positions.
 * Everything else asks these helpers.  Bits from the privileged spec, 4.4.1:
 *
 *   63    54 53        28 27        19 18        10 9  8 7 6 5 4 3 2 1 0
 *  | zero   | PPN[2]     | PPN[1]     | PPN[0]     | RSW |D|A|G|U|X|W|R|V|
 */
#pragma once

#include <stdint.h>

#include "arch/layout.h"

typedef uint64_t pte_t;

#define PTE_V (1UL << 0) /* valid */
#define PTE_R (1UL << 1)
#define PTE_W (1UL << 2)
#define PTE_X (1UL << 3)
#define PTE_U (1UL << 4) /* user accessible */
#define PTE_G (1UL << 5) /* global: in every address space */
#define PTE_A (1UL << 6) /* accessed */
#define PTE_D (1UL << 7) /* dirty */
/* RSW bit 8, ignored by hardware: the page is write-protected only
 * because its frame is shared copy-on-write; a store must copy it (or,
 * for the last sharer, simply re-enable writing). */
#define PTE_COW (1UL << 8)

#define PTE_PERM_MASK (PTE_R | PTE_W | PTE_X | PTE_U | PTE_G)
#define PTE_FLAGS_MASK 0x3ffUL /* everything below the PPN */

static inline int pte_valid(pte_t pte)
{
	return (pte & PTE_V) != 0;
}

/* A valid PTE with any of R/W/X maps memory; one without points to the
 * next-level table. */
static inline int pte_is_leaf(pte_t pte)
{
	return pte_valid(pte) && (pte & (PTE_R | PTE_W | PTE_X));
}

static inline int pte_is_table(pte_t pte)
{
	return pte_valid(pte) && !(pte & (PTE_R | PTE_W | PTE_X));
}

static inline paddr_t pte_pa(pte_t pte)
{
	return (pte >> 10) << PAGE_SHIFT;
}

static inline pte_t pte_flags(pte_t pte)
{
	return pte & PTE_FLAGS_MASK;
}

/* A and D are set up front: hardware that does not manage them would
 * otherwise trap on first access, and we do not use them. */
static inline pte_t pte_leaf(paddr_t pa, pte_t perm)
{
	return ((pa >> PAGE_SHIFT) << 10) | perm | PTE_A | PTE_D | PTE_V;
}

static inline pte_t pte_table(paddr_t table_pa)
{
	return ((table_pa >> PAGE_SHIFT) << 10) | PTE_V;
}

static inline int pte_user(pte_t pte)
{
	return (pte & PTE_U) != 0;
}

static inline int pte_writable(pte_t pte)
{
	return (pte & PTE_W) != 0;
}

static inline int pte_executable(pte_t pte)
{
	return (pte & PTE_X) != 0;
}

static inline int pte_readable(pte_t pte)
{
	return (pte & PTE_R) != 0;
}

static inline int pte_is_cow(pte_t pte)
{
	return (pte & PTE_COW) != 0;
}

/* Would a store be allowed once sharing is resolved?  True for private
 * writable pages and COW pages; false for text and rodata. */
static inline int pte_is_logically_writable(pte_t pte)
{
	return (pte & (PTE_W | PTE_COW)) != 0;
}

/* The form a logically writable PTE takes while its frame is shared. */
static inline pte_t pte_cow_shared(pte_t pte)
{
	return (pte & ~PTE_W) | PTE_COW;
}

/* The same mapping, made private and writable again. */
static inline pte_t pte_cow_resolved(pte_t pte)
{
	return (pte | PTE_W) & ~PTE_COW;
}

/* pte's flags (permissions, COW) with a different frame. */
static inline pte_t pte_with_frame(pte_t pte, paddr_t pa)
{
	return ((pa >> PAGE_SHIFT) << 10) | pte_flags(pte);
}

/* Does pte allow a user access of this kind? */
static inline int pte_allows_user(pte_t pte, int write)
{
	return pte_valid(pte) && pte_user(pte) &&
	       (write ? pte_writable(pte) : pte_readable(pte));
}


/* Tables: each is one frame of 512 entries, and a table is named by its
 * kernel-virtual address. */
typedef pte_t *pagetable_t;

#define SV39_ENTRIES 512
#define SV39_USER_ENTRIES 256 /* root slots 0..255: the lower (user) half */
#define SV39_LEVEL_SIZE(level) (1UL << (PAGE_SHIFT + 9 * (level)))
#define SV39_MEGAPAGE SV39_LEVEL_SIZE(1) /* 2 MiB */

/* The table a non-leaf entry points to. */
static inline pte_t *pte_table_of(pte_t pte)
{
	return pa_to_kva(pte_pa(pte));
}
