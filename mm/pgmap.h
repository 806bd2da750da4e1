/* An address space as runs of pages, for the pgmap system call. */
#pragma once

#include "include/pgmap.h"
#include "mm/vm.h"

/* Fills out[0..max) with the runs of user pages at or above from, in
 * address order (heap_base places the stack and heap: include/pgmap.h);
 * returns how many.  Fewer than max: the walk reached the end.  The space
 * must not change meanwhile. */
int pgmap_runs(struct vm_space *vs, uintptr_t from, uintptr_t heap_base,
	    struct pg_run *out, int max);
