/*
 * Support for running kernel code on the host: a fake physical memory that
 * the kernel's pa_to_kva reaches through dmap_offset, TLB flush counters,
 * and a panic that cmocka can catch with expect_assert_failure.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "arch/machine.h"
#include "arch/layout.h"

#define FAKE_RAM_BASE 0x80000000UL

extern int tlb_page_flushes, tlb_space_flushes;

/* Which hart the host "runs" on (cpu_this()->hart_id); 0 at start. */
void host_set_hart(uint32_t hart_id);

/* Backs [FAKE_RAM_BASE, FAKE_RAM_BASE + bytes) with host memory and hands
 * it to frame_init, minus the given holes. */
void fake_ram_init(size_t bytes, const struct mem_range *holes, int nholes);
void fake_ram_release(void);

/* Reads a whole file into a fresh buffer; aborts the test if it cannot. */
void *read_file(const char *path, size_t *size);
