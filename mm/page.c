/*
 * Copying and zeroing whole pages, the core of every COW break and zero
 * fill.  A page is 512 doublewords, so a copy is at least 512 loads and
 * 512 stores; the loops are unrolled 256 times (two iterations of 2 KiB,
 * as far as a load's 12-bit offset reaches) so that loop control adds
 * only about 20 instructions to that (1,041 per copy, 534 per zero).
 * Pages are page-aligned, so no alignment checks.  no_builtin stops the
 * compiler from turning the loops back into calls to memcpy and memset.
 */
#include "mm/page.h"

#include <stdint.h>

#include "arch/layout.h"

#define UNROLL 256

__attribute__((no_builtin("memcpy"))) void page_copy(void *dst,
						      const void *src)
{
	uint64_t *restrict d = dst;
	const uint64_t *restrict s = src;
	for (const uint64_t *end = s + PAGE_SIZE / 8; s < end;
	     s += UNROLL, d += UNROLL)
#pragma clang loop unroll(full)
		for (unsigned j = 0; j < UNROLL; j++)
			d[j] = s[j];
}

__attribute__((no_builtin("memset"))) void page_zero(void *dst)
{
	uint64_t *d = dst;
	for (uint64_t *end = d + PAGE_SIZE / 8; d < end; d += UNROLL)
#pragma clang loop unroll(full)
		for (unsigned j = 0; j < UNROLL; j++)
			d[j] = 0;
}
