/*
 * printf and fprintf on top of the kernel's formatter (lib/fmt.c).  Output
 * is gathered in a buffer and written in as few write calls as possible:
 * a line from one process is not cut up by another's output.
 */
#include "user.h"

#include "lib/fmt.h"

struct out {
	int fd;
	int n, total;
	char buf[128];
};

static void flush(struct out *o)
{
	if (o->n > 0)
		write(o->fd, o->buf, o->n);
	o->n = 0;
}

static void put(void *ctx, char c)
{
	struct out *o = ctx;
	if (o->n == (int)sizeof o->buf)
		flush(o);
	o->buf[o->n++] = c;
	o->total++;
}

static int vprint(int fd, const char *fmt, va_list ap)
{
	struct out o = { .fd = fd };
	fmt_vformat(put, &o, fmt, ap);
	flush(&o);
	return o.total;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprint(1, fmt, ap);
	va_end(ap);
	return n;
}

int fprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprint(fd, fmt, ap);
	va_end(ap);
	return n;
}
