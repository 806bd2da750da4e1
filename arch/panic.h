/* Stopping the machine when the kernel finds itself broken. */
#pragma once

/* Prints "panic: <message>" with a backtrace and powers off with a failure
 * status.  The message should start with the name of the function. */
__attribute__((noreturn, format(printf, 1, 2))) void panic(const char *fmt, ...);

struct trap_frame;
/* The report for an unexpected kernel trap: cause, registers, backtrace. */
__attribute__((noreturn)) void panic_trap(const struct trap_frame *tf);

#define ASSERT(cond)                                                           \
	do {                                                                   \
		if (!(cond))                                                   \
			panic("%s: assertion failed: %s (%s:%d)", __func__,    \
			      #cond, __FILE__, __LINE__);                      \
	} while (0)
