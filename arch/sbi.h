/*
 * Calls into the SBI firmware (OpenSBI) running in M-mode.  Extension and
 * function numbers are those of the RISC-V SBI specification v2.0.
 */
#pragma once

#include <stdint.h>

struct sbi_ret {
	long error; /* 0 on success, a negative SBI error code otherwise */
	long value;
};

#define SBI_EXT_BASE 0x10
#define SBI_EXT_TIME 0x54494d45 /* "TIME" */
#define SBI_EXT_HSM 0x48534d    /* "HSM" */
#define SBI_EXT_SRST 0x53525354 /* "SRST" */
#define SBI_EXT_IPI 0x735049    /* "sPI" */

struct sbi_ret sbi_call(long ext, long fid, long a0, long a1, long a2);

/* Base extension: what firmware is this? */
long sbi_spec_version(void);
long sbi_impl_id(void);
long sbi_impl_version(void);
const char *sbi_impl_name(long id);

void sbi_legacy_putchar(int c); /* only before the UART driver is up */
void sbi_set_timer(uint64_t when);
long sbi_hart_start(unsigned long hartid, uint64_t start_pa, long opaque);
/* A supervisor software interrupt (sip.SSIP) on that hart. */
void sbi_send_ipi(unsigned long hartid);
void sbi_system_reset(int failure);
