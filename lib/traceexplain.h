/* One plain sentence under a trace line, for `trace --explain`
 * (lib/traceexplain.c). */
#pragma once

#include <stddef.h>

#include "include/trace.h"

/* Says in words what the fault or table change e did and why, into buf
 * (no newline); the length written, 0 for a system call. */
int trace_explain(char *buf, size_t size, const struct trace_event *e);
