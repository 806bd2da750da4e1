/* Names for scause values: one table, used by panic reports, kill
 * messages and docs/trap.md. */
#pragma once

#include <stdint.h>

#define SCAUSE_INTERRUPT (1UL << 63)

/* Exception codes (scause with the interrupt bit clear). */
enum {
	EXC_INST_MISALIGNED = 0,
	EXC_INST_ACCESS = 1,
	EXC_ILLEGAL_INST = 2,
	EXC_BREAKPOINT = 3,
	EXC_LOAD_MISALIGNED = 4,
	EXC_LOAD_ACCESS = 5,
	EXC_STORE_MISALIGNED = 6,
	EXC_STORE_ACCESS = 7,
	EXC_ECALL_U = 8,
	EXC_ECALL_S = 9,
	EXC_INST_PAGE_FAULT = 12,
	EXC_LOAD_PAGE_FAULT = 13,
	EXC_STORE_PAGE_FAULT = 15,
};

/* Interrupt codes (scause with the interrupt bit set). */
enum { IRQ_S_SOFT = 1, IRQ_S_TIMER = 5, IRQ_S_EXT = 9 };

const char *scause_name(uint64_t scause);
