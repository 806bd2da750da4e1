/*
 * The register frame trap/entry.S saves on every trap: all 32 integer
 * registers (slot 0 unused) followed by the trap CSRs.  A process's user
 * frame also keeps the kernel's tp (the struct cpu of the hart the
 * process runs on) while user code has tp for itself.  Offsets are shared
 * with the assembly; trap.c checks them against the struct at compile time.
 */
#pragma once

#define TF_SEPC 256
#define TF_SSTATUS 264
#define TF_SCAUSE 272
#define TF_STVAL 280
#define TF_KERNEL_TP 288
#define TF_SIZE 304 /* a multiple of 16: frames sit on stacks */

#ifndef __ASSEMBLER__
#include <stdint.h>

/* ABI register numbers, for indexing regs[]. */
enum {
	REG_RA = 1, REG_SP = 2, REG_GP = 3, REG_TP = 4, REG_S0 = 8, REG_A0 = 10,
	REG_A1 = 11, REG_A7 = 17
};

struct trap_frame {
	uint64_t regs[32];
	uint64_t sepc, sstatus, scause, stval;
	uint64_t kernel_tp;
	uint64_t pad;
};
#endif
