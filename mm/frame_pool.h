/*
 * How mm/frame.c hands the free frames it finds at boot to the allocator
 * (mm/frame_alloc.c).  Everyone else allocates and frees through
 * frame_alloc and frame_unref.
 */
#pragma once

#include "arch/layout.h"

/* Empty: no free frame anywhere (frame_init starts here). */
void frame_pool_init(void);

/* At boot: pa is free. */
void frame_pool_add(paddr_t pa);
