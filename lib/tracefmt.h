/* One trace event as a line of text, for the trace program and the
 * kernel's trace=... boot option alike (lib/tracefmt.c). */
#pragma once

#include <stddef.h>

#include "include/trace.h"

/* The fault outcome called name ("cow-copy", include/fault.h), or -1. */
int trace_outcome_named(const char *name, size_t len);
/* Formats e into buf (no newline); the length written. */
int trace_format(char *buf, size_t size, const struct trace_event *e);
