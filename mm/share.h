/*
 * fork's half of copy-on-write (mm/share.c): giving a new, empty space
 * everything the parent maps without copying a byte of it, by sharing
 * level-0 page tables (fork=table, the default) or page by page
 * (fork=pte).  mm/fork.c picks; docs/cow.md compares the two.
 */
#pragma once

#include "mm/space.h"

enum share_how { SHARE_BY_TABLE, SHARE_BY_PTE };

/*
 * Shares every user mapping of src with dst, which must be empty: the
 * same frames, reached through shared level-0 tables or through copies of
 * every leaf.  Pages that could be written become read-only + COW in both;
 * read-only pages stay read-only and never become writable through COW.
 * On failure (no memory for dst's tables) dst is emptied again, src is
 * untouched, returns -1.
 */
int share_cow(struct vm_space *src, struct vm_space *dst, enum share_how how);
