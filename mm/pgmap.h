/* An address space as runs of pages, and the pages that map one frame,
 * for the pgmap and pgowners system calls. */
#pragma once

#include "include/pgmap.h"
#include "mm/vm.h"

/* Fills out[0..max) with the runs of user pages at or above from, in
 * address order (heap_base places the stack and heap: include/pgmap.h);
 * returns how many.  Fewer than max: the walk reached the end.  The space
 * must not change meanwhile. */
int pgmap_runs(struct vm_space *vs, uintptr_t from, uintptr_t heap_base,
	    struct pg_run *out, int max);

/* Fills out[0..max) with the pages of vs that map the frame at pa (va,
 * leaf bits, level-0 table); returns how many.  The space must not change
 * meanwhile. */
int pgmap_owners(struct vm_space *vs, paddr_t pa, struct pg_owner *out,
		 int max);
