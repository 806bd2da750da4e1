/* A readable listing of a user address space, for the pgdump system call. */
#pragma once

#include "mm/vm.h"

/* One line per run of contiguous pages with the same permissions and the
 * same kind of frame (private, shared read-only, COW, zero frame). */
void vm_dump(struct vm_space *vs, void (*print)(const char *line));
