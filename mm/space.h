/*
 * What a user address space is: a page table whose lower half belongs to
 * one process, the demand-zero range, and its ASID.  Only the structure:
 * the table rule (mm/table.c), sharing (mm/share.c) and faults
 * (mm/fault.c) work on it, and the life of a space is mm/vm.c's.
 */
#pragma once

#include <stdint.h>

#include "mm/pte.h"

struct vm_space {
	pagetable_t root;
	/* [zero_lo, zero_hi): an unmapped page here reads as zeros and is
	 * filled in on first touch; anywhere else it is an error. */
	uintptr_t zero_lo, zero_hi;
	/* Every mapping lies below top (table_slot_for_change raises it), so
	 * fork looks at no slot above it: a small process has one level-1
	 * entry in use out of 512 * 256. */
	uintptr_t top;
	/* Its ASID, good while asid_gen is the current generation, and the
	 * hart it last ran on (-1: none yet); mm/asid.c. */
	uint16_t asid;
	uint64_t asid_gen;
	int last_hart;
};
