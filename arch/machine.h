/*
 * What the device tree says about this machine, gathered once at boot into
 * plain data.  Nothing else in the kernel parses the device tree.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define MACHINE_MAX_RANGES 16
#define MACHINE_MAX_HARTS 32
#define MACHINE_BOOTARGS_MAX 1024

struct mem_range {
	uint64_t base, size;
};

struct mmio_device {
	uint64_t base, size; /* size 0: not present */
	uint32_t irq;        /* first cell of `interrupts`, 0 if none */
};

struct machine {
	struct mem_range ram[MACHINE_MAX_RANGES];
	int nram;
	/* /reserved-memory children and the DTB's memory reservation block */
	struct mem_range reserved[MACHINE_MAX_RANGES];
	int nreserved;
	uint64_t initrd_start, initrd_end; /* both 0: no initrd */
	char bootargs[MACHINE_BOOTARGS_MAX];
	int bootargs_cut; /* longer than bootargs holds: a prefix was kept */

	int nharts;
	uint32_t hart_id[MACHINE_MAX_HARTS];
	int plic_s_context[MACHINE_MAX_HARTS]; /* -1 if unknown */
	uint64_t timebase_hz;
	int has_sstc; /* every hart lists the Sstc extension */

	struct mmio_device uart;    /* ns16550a */
	uint32_t uart_clock_hz;
	uint32_t uart_reg_shift;
	struct mmio_device plic;    /* riscv,plic0 */
	uint32_t plic_ndev;
	struct mmio_device finisher; /* sifive,test0: power-off / exit code */

	char error_at[64]; /* on failure: the node (and property) at fault */
};

/* Fills *m from the blob; returns 0 or a negative fdt_error. */
int machine_from_fdt(struct machine *m, const void *blob, size_t avail);

/* Total bytes of RAM. */
uint64_t machine_ram_bytes(const struct machine *m);
