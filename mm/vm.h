/*
 * A user address space: a page table whose lower half belongs to one
 * process, plus the range in which unmapped pages are demand-zero (the
 * lazily grown heap).  Sharing copy-on-write, resolving faults and copying
 * to and from user memory all work on a vm_space.  docs/cow.md.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "mm/refcheck.h"
#include "mm/space.h"
#include "mm/sv39.h"

/* Permissions of user data pages. */
#define VM_USER_RW (PTE_U | PTE_R | PTE_W)

/* Sets up the shared zero frame; once, after frame_init. */
void vm_init(void);

/* The zero frame: every demand-zero page that was only read maps it. */
extern paddr_t vm_zero_pa; /* set by vm_init, then never changed */
static inline paddr_t vm_zero_frame(void)
{
	return vm_zero_pa;
}

/* A fresh space with only the kernel half; 0 or -1 if out of memory. */
int vm_space_create(struct vm_space *vs);
/* Drops every user mapping and frees the tables and the root. */
void vm_space_destroy(struct vm_space *vs);
/* exec's switch to a new image: vs drops its user mappings and takes
 * with's, keeping its own root page; with (never activated) ends empty,
 * its root freed.  vs gets a fresh ASID at its next asid_activate. */
void vm_space_replace(struct vm_space *vs, struct vm_space *with);

/* Maps a fresh zeroed frame at every page of [lo, hi) (page aligned).
 * On failure frees what it mapped and returns -1. */
int vm_alloc_range(struct vm_space *vs, uintptr_t lo, uintptr_t hi,
		   pte_t perm);

/* Unmaps every page in [lo, hi) (page aligned, lo < hi) and drops its
 * reference.  Whole 2 MiB blocks just let go of their table; a partly
 * covered shared table is made private first, which needs memory: -1,
 * with nothing changed, if there is none. */
int vm_unmap(struct vm_space *vs, uintptr_t lo, uintptr_t hi);

/* Runs the reference checker over these spaces plus the kernel's own
 * holders: the zero frame and the nheld roots harts keep in satp
 * (mm/asid.h).  0 if clean, otherwise 1 with the first mismatch in *m. */
int vm_check_refs(struct vm_space *const *spaces, int n, const paddr_t *held,
		  int nheld, struct refcheck_mismatch *m);
