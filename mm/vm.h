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
#include "mm/sv39.h"

struct vm_space {
	pagetable_t root;
	/* [zero_lo, zero_hi): an unmapped page here reads as zeros and is
	 * filled in on first touch; anywhere else it is an error. */
	uintptr_t zero_lo, zero_hi;
	/* Every mapping lies below top (vm_slot_for_change raises it), so
	 * fork looks at no slot above it: a small process has one level-1
	 * entry in use out of 512 * 256. */
	uintptr_t top;
	/* Its ASID, good while asid_gen is the current generation, and the
	 * hart it last ran on (-1: none yet); mm/asid.c. */
	uint16_t asid;
	uint64_t asid_gen;
	int last_hart;
};

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
 * its root freed.  vs gets a fresh ASID at its next vm_activate. */
void vm_space_replace(struct vm_space *vs, struct vm_space *with);

/* Maps a fresh zeroed frame at every page of [lo, hi) (page aligned).
 * On failure frees what it mapped and returns -1. */
int vm_alloc_range(struct vm_space *vs, uintptr_t lo, uintptr_t hi,
		   pte_t perm);

/* How fork shares memory (mm/share.c): by level-0 table (the default) or
 * page by page (the fork=pte boot option). */
enum vm_fork_mode { VM_FORK_TABLE, VM_FORK_PTE };
void vm_set_fork_mode(enum vm_fork_mode mode);
enum vm_fork_mode vm_fork_mode(void);

/*
 * Shares every user mapping of src with dst, which must be empty: the
 * same frames, reached through shared level-0 tables or through copies of
 * every leaf.  Pages that could be written become read-only + COW in both;
 * read-only pages stay read-only and never become writable through COW.
 * On failure (no memory for dst's tables) dst is emptied again, src is
 * untouched, returns -1.
 */
int vm_share_cow(struct vm_space *src, struct vm_space *dst);

/* Runs the reference checker over these spaces plus the kernel's own
 * holders: the zero frame and the nheld roots harts keep in satp
 * (mm/asid.h).  0 if clean, otherwise 1 with the first mismatch in *m. */
int vm_check_refs(struct vm_space *const *spaces, int n, const paddr_t *held,
		  int nheld, struct refcheck_mismatch *m);
