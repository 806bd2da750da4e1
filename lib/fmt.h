/*
 * printf-style formatting into any sink, shared by the kernel's kprintf and
 * the user runtime's printf.  Supports %d %i %u %x %X %p %s %c %% with the
 * l, ll and z length modifiers, a field width, and the '0' and '-' flags.
 */
#pragma once

#include <stdarg.h>

typedef void (*fmt_put_fn)(void *ctx, char c);

void fmt_vformat(fmt_put_fn put, void *ctx, const char *fmt, va_list ap);

int fmt_vsnprintf(char *buf, unsigned long size, const char *fmt, va_list ap);

/* Formats into buf (always NUL-terminated when size > 0); returns the
 * length the full output would have had. */
int fmt_snprintf(char *buf, unsigned long size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
