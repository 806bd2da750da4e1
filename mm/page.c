/*
 * Both loops move 16 doublewords per iteration: 32 iterations of 16 loads
 * and 16 stores plus 3 instructions of loop control, about 1,100
 * instructions per 4 KiB page.  A byte loop would cost eight times the
 * memory operations.  Pages are page-aligned, so no alignment checks.
 */
#include "mm/page.h"

#include <stdint.h>

#include "mm/layout.h"

#define WORDS_PER_ITERATION 16

void page_copy(void *dst, const void *src)
{
	uint64_t *restrict d = dst;
	const uint64_t *restrict s = src;
	for (unsigned i = 0; i < PAGE_SIZE / 8; i += WORDS_PER_ITERATION) {
		uint64_t w[WORDS_PER_ITERATION];
		for (unsigned j = 0; j < WORDS_PER_ITERATION; j++)
			w[j] = s[i + j];
		for (unsigned j = 0; j < WORDS_PER_ITERATION; j++)
			d[i + j] = w[j];
	}
}

void page_zero(void *dst)
{
	uint64_t *d = dst;
	for (unsigned i = 0; i < PAGE_SIZE / 8; i += WORDS_PER_ITERATION)
		for (unsigned j = 0; j < WORDS_PER_ITERATION; j++)
			d[i + j] = 0;
}
