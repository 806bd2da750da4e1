/* Self-tests of the frame allocator on the machine's real RAM. */
#include "kernel/ktest.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/fastpath.h"

#define ROUND_TRIP_FRAMES 256

KTEST(frame_alloc_free_round_trip)
{
	static paddr_t got[ROUND_TRIP_FRAMES];
	size_t before = frame_free_count();
	for (int i = 0; i < ROUND_TRIP_FRAMES; i++) {
		got[i] = frame_alloc(0);
		KT_CHECK(got[i] != 0 && (got[i] & (PAGE_SIZE - 1)) == 0);
		KT_CHECK(frame_is_managed(got[i]));
	}
	KT_EQ(frame_free_count(), before - ROUND_TRIP_FRAMES);
	for (int i = 0; i < ROUND_TRIP_FRAMES; i++)
		for (int j = i + 1; j < ROUND_TRIP_FRAMES; j += 17)
			KT_CHECK(got[i] != got[j]);
	for (int i = 0; i < ROUND_TRIP_FRAMES; i++)
		frame_unref(got[i]);
	KT_EQ(frame_free_count(), before);
}

KTEST(frame_alloc_zero_fills)
{
	paddr_t pa = frame_alloc(0);
	memset(pa_to_kva(pa), 0xab, PAGE_SIZE);
	frame_unref(pa);
	/* LIFO free list: the same frame comes straight back, dirty. */
	paddr_t again = frame_alloc(FRAME_ZERO);
	const uint64_t *w = pa_to_kva(again);
	int all_zero = 1;
	for (size_t i = 0; i < PAGE_SIZE / 8; i++)
		all_zero &= w[i] == 0;
	KT_CHECK(all_zero);
	frame_unref(again);
}

KTEST(frame_refcount_frees_at_zero)
{
	size_t before = frame_free_count();
	paddr_t pa = frame_alloc(0);
	KT_EQ(frame_refcount(pa), 1);
	frame_ref(pa);
	frame_ref(pa);
	KT_EQ(frame_refcount(pa), 3);
	frame_unref(pa);
	frame_unref(pa);
	KT_EQ(frame_refcount(pa), 1);
	KT_EQ(frame_free_count(), before - 1);
	frame_unref(pa);
	KT_EQ(frame_free_count(), before);
}

KTEST(frame_exhaustion_returns_zero_and_recovers)
{
	size_t before = frame_free_count();
	paddr_t head = 0, pa;
	size_t taken = 0;
	/* Chain every free frame through its own first word. */
	while ((pa = frame_alloc(0)) != 0) {
		*(paddr_t *)pa_to_kva(pa) = head;
		head = pa;
		taken++;
	}
	KT_EQ(taken, before);
	KT_EQ(frame_free_count(), 0);
	KT_EQ(frame_alloc(0), 0);
	while (head) {
		paddr_t next = *(paddr_t *)pa_to_kva(head);
		frame_unref(head);
		head = next;
	}
	KT_EQ(frame_free_count(), before);
}
