/*
 * The formatting engine behind kprintf and the user printf.  It never
 * allocates and never fails; unknown conversions are printed verbatim so a
 * typo shows up in the output instead of silently eating arguments.
 */
#include "lib/fmt.h"

#include <stdint.h>

struct spec {
	int width;
	char pad;      /* ' ' or '0' */
	int left;      /* '-' flag: pad on the right */
	int longness;  /* 0 = int, 1 = long, 2 = long long */
};

static void put_padding(fmt_put_fn put, void *ctx, int n, char c)
{
	while (n-- > 0)
		put(ctx, c);
}

static void put_string(fmt_put_fn put, void *ctx, const char *s,
		       const struct spec *sp)
{
	int len = 0;
	if (!s)
		s = "(null)";
	while (s[len])
		len++;
	if (!sp->left)
		put_padding(put, ctx, sp->width - len, ' ');
	for (int i = 0; i < len; i++)
		put(ctx, s[i]);
	if (sp->left)
		put_padding(put, ctx, sp->width - len, ' ');
}

static void put_number(fmt_put_fn put, void *ctx, uint64_t v, int negative,
		       unsigned base, int upper, const struct spec *sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];
	int n = 0;
	do {
		buf[n++] = digits[v % base];
		v /= base;
	} while (v);
	int len = n + negative;
	if (negative && sp->pad == '0')
		put(ctx, '-');
	if (!sp->left)
		put_padding(put, ctx, sp->width - len, sp->pad);
	if (negative && sp->pad != '0')
		put(ctx, '-');
	while (n)
		put(ctx, buf[--n]);
	if (sp->left)
		put_padding(put, ctx, sp->width - len, ' ');
}

static int64_t take_signed(va_list *ap, int longness)
{
	if (longness == 0)
		return va_arg(*ap, int);
	return longness == 1 ? va_arg(*ap, long) : va_arg(*ap, long long);
}

static uint64_t take_unsigned(va_list *ap, int longness)
{
	if (longness == 0)
		return va_arg(*ap, unsigned int);
	return longness == 1 ? va_arg(*ap, unsigned long)
			     : va_arg(*ap, unsigned long long);
}

static const char *parse_spec(const char *f, struct spec *sp)
{
	*sp = (struct spec){ .pad = ' ' };
	for (;; f++) {
		if (*f == '0')
			sp->pad = '0';
		else if (*f == '-')
			sp->left = 1;
		else
			break;
	}
	while (*f >= '0' && *f <= '9')
		sp->width = sp->width * 10 + (*f++ - '0');
	while (*f == 'l' || *f == 'z') /* size_t is a long on LP64 */
		sp->longness++, f++;
	if (sp->longness > 2)
		sp->longness = 2;
	if (sp->left)
		sp->pad = ' ';
	return f;
}

static void convert(fmt_put_fn put, void *ctx, char c, const struct spec *sp,
		    va_list *ap)
{
	int64_t s;
	switch (c) {
	case 'd':
	case 'i':
		s = take_signed(ap, sp->longness);
		put_number(put, ctx, s < 0 ? -(uint64_t)s : (uint64_t)s, s < 0,
			   10, 0, sp);
		break;
	case 'u':
		put_number(put, ctx, take_unsigned(ap, sp->longness), 0, 10, 0, sp);
		break;
	case 'x':
	case 'X':
		put_number(put, ctx, take_unsigned(ap, sp->longness), 0, 16,
			   c == 'X', sp);
		break;
	case 'p':
		put(ctx, '0');
		put(ctx, 'x');
		put_number(put, ctx, (uintptr_t)va_arg(*ap, void *), 0, 16, 0, sp);
		break;
	case 's':
		put_string(put, ctx, va_arg(*ap, const char *), sp);
		break;
	case 'c':
		put(ctx, (char)va_arg(*ap, int));
		break;
	case '%':
		put(ctx, '%');
		break;
	default:
		put(ctx, '%');
		if (c)
			put(ctx, c);
	}
}

void fmt_vformat(fmt_put_fn put, void *ctx, const char *f, va_list ap)
{
	va_list args;
	va_copy(args, ap);
	while (*f) {
		if (*f != '%') {
			put(ctx, *f++);
			continue;
		}
		struct spec sp;
		f = parse_spec(f + 1, &sp);
		convert(put, ctx, *f, &sp, &args);
		if (*f)
			f++;
	}
	va_end(args);
}

struct buffer_sink {
	char *buf;
	unsigned long size, len;
};

static void put_buffer(void *ctx, char c)
{
	struct buffer_sink *b = ctx;
	if (b->len + 1 < b->size)
		b->buf[b->len] = c;
	b->len++;
}

int fmt_vsnprintf(char *buf, unsigned long size, const char *fmt, va_list ap)
{
	struct buffer_sink b = { buf, size, 0 };
	fmt_vformat(put_buffer, &b, fmt, ap);
	if (size)
		buf[b.len < size ? b.len : size - 1] = 0;
	return (int)b.len;
}

int fmt_snprintf(char *buf, unsigned long size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
