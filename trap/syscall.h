/*
 * System-call dispatch (trap/syscall.c): from a7 to the handler that
 * include/syscall_table.h names (trap/sys.h).
 */
#pragma once

#include <stdint.h>

/* Runs the call the current process asked for; the result goes to a0. */
void syscall_dispatch(void);
