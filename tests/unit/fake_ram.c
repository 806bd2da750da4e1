/* A heap buffer standing in for physical RAM, reached through dmap_offset. */
#include "host.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mm/frame.h"

static void *fake_ram;

void fake_ram_init(size_t bytes, const struct mem_range *holes, int nholes)
{
	struct mem_range ram = { FAKE_RAM_BASE, bytes };
	fake_ram = aligned_alloc(PAGE_SIZE, bytes);
	assert_non_null(fake_ram);
	memset(fake_ram, 0xee, bytes);
	dmap_offset = (uintptr_t)fake_ram - FAKE_RAM_BASE;
	tlb_page_flushes = tlb_space_flushes = 0;
	frame_init(&ram, 1, holes, nholes);
}

void fake_ram_release(void)
{
	free(fake_ram);
	fake_ram = 0;
}
