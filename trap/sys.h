/*
 * The system-call handlers (trap/sys_proc.c, trap/sys_file.c,
 * trap/sys_sv39cow.c), declared from the one table that also makes the
 * dispatcher's list and the user stubs.  Each takes its arguments from the
 * trap frame (trap/arg.h) and returns what goes to a0.
 */
#pragma once

#include <stdint.h>

#define SYSCALL(num, stub, handler, nargs) uint64_t handler(void);
#include "include/syscall_table.h"
#undef SYSCALL
