/*
 * memset/memcpy and friends for freestanding code.  The compiler emits calls
 * to memset and memcpy on its own (struct copies, zeroing), so they must
 * exist, and page zeroing and COW copies lean on them: word-sized loops
 * whenever both pointers are 8-byte aligned.
 */
#include "lib/string.h"

#include <stdint.h>

static int both_aligned8(const void *a, const void *b)
{
	return (((uintptr_t)a | (uintptr_t)b) & 7) == 0;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	if (both_aligned8(d, d)) {
		uint64_t word = 0x0101010101010101ULL * (unsigned char)c;
		for (; n >= 32; n -= 32, d += 32) {
			((uint64_t *)d)[0] = word;
			((uint64_t *)d)[1] = word;
			((uint64_t *)d)[2] = word;
			((uint64_t *)d)[3] = word;
		}
		for (; n >= 8; n -= 8, d += 8)
			*(uint64_t *)d = word;
	}
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if (both_aligned8(d, s)) {
		for (; n >= 32; n -= 32, d += 32, s += 32) {
			uint64_t w0 = ((const uint64_t *)s)[0];
			uint64_t w1 = ((const uint64_t *)s)[1];
			uint64_t w2 = ((const uint64_t *)s)[2];
			uint64_t w3 = ((const uint64_t *)s)[3];
			((uint64_t *)d)[0] = w0;
			((uint64_t *)d)[1] = w1;
			((uint64_t *)d)[2] = w2;
			((uint64_t *)d)[3] = w3;
		}
		for (; n >= 8; n -= 8, d += 8, s += 8)
			*(uint64_t *)d = *(const uint64_t *)s;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--) /* overlapping with dst above src: copy backwards */
		d[n] = s[n];
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (*a == 0)
			return 0;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (*s == 0)
			return 0;
	}
}
