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

/* Registers by their ABI names, in register-number order (x0 .. x31), so
 * the code and gdb both say tf->a0; x[] is the same storage by number,
 * for the assembly's view and panic's register dump. */
struct trap_frame {
	union {
		struct {
			uint64_t zero, ra, sp, gp, tp;
			uint64_t t0, t1, t2;
			uint64_t s0, s1;
			uint64_t a0, a1, a2, a3, a4, a5, a6, a7;
			uint64_t s2, s3, s4, s5, s6, s7, s8, s9, s10, s11;
			uint64_t t3, t4, t5, t6;
		};
		uint64_t x[32];
	};
	uint64_t sepc, sstatus, scause, stval;
	uint64_t kernel_tp;
	uint64_t pad;
};
#endif
