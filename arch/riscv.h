/*
 * RISC-V supervisor-mode registers and instructions, as C.
 * Bit positions come from the RISC-V privileged specification (v1.12);
 * see docs/trap.md for how the kernel uses them.
 */
#pragma once

#include <stdint.h>

#define csr_read(csr)                                                          \
	({                                                                     \
		uint64_t v_;                                                   \
		__asm__ volatile("csrr %0, " #csr : "=r"(v_));                 \
		v_;                                                            \
	})
#define csr_write(csr, val) __asm__ volatile("csrw " #csr ", %0" ::"r"(val))
/* csr_write for a CSR named by number (CSR_... below): the number is
 * expanded before it is turned into text. */
#define CSR_TEXT_(num) #num
#define csr_write_num(num, val)                                                \
	__asm__ volatile("csrw " CSR_TEXT_(num) ", %0" ::"r"(val))
#define csr_set(csr, bits) __asm__ volatile("csrs " #csr ", %0" ::"r"(bits))
#define csr_clear(csr, bits) __asm__ volatile("csrc " #csr ", %0" ::"r"(bits))
/* Clears bits and returns the old value, in one instruction.  The memory
 * clobber keeps the compiler from moving loads and stores across it, which
 * masking interrupts around a critical section needs. */
#define csr_read_clear(csr, bits)                                              \
	({                                                                     \
		uint64_t v_;                                                   \
		__asm__ volatile("csrrc %0, " #csr ", %1"                      \
				 : "=r"(v_)                                    \
				 : "r"(bits)                                   \
				 : "memory");                                  \
		v_;                                                            \
	})

/* sstatus */
#define SSTATUS_SIE (1UL << 1)  /* interrupts enabled in S-mode */
#define SSTATUS_SPIE (1UL << 5) /* SIE before the trap */
#define SSTATUS_SPP (1UL << 8)  /* trap came from S-mode */
#define SSTATUS_FS (3UL << 13)  /* floating-point unit state */
#define SSTATUS_SUM (1UL << 18) /* S-mode may touch U pages */

/* sie / sip: the supervisor interrupt sources */
#define SIE_SSIE (1UL << 1) /* software (inter-processor) */
#define SIE_STIE (1UL << 5) /* timer */
#define SIE_SEIE (1UL << 9) /* external, via the PLIC */

/* scounteren: which counters U-mode may read */
#define SCOUNTEREN_CY (1U << 0)
#define SCOUNTEREN_TM (1U << 1)
#define SCOUNTEREN_IR (1U << 2)

/* satp */
/* stimecmp (the Sstc extension), by number: LLVM 14's assembler does not
 * know its name. */
#define CSR_STIMECMP 0x14d

#define SATP_MODE_SV39 (8UL << 60)
#define SATP_FOR(root_pa) (SATP_MODE_SV39 | ((root_pa) >> 12))

static inline void sfence_vma_all(void)
{
	__asm__ volatile("sfence.vma zero, zero" ::: "memory");
}

static inline void sfence_vma_page(uintptr_t va)
{
	__asm__ volatile("sfence.vma %0, zero" ::"r"(va) : "memory");
}

static inline uint64_t rdtime(void)
{
	return csr_read(time);
}

static inline void wfi(void)
{
	__asm__ volatile("wfi");
}
