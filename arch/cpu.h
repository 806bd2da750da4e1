/*
 * Per-hart state.  While a hart runs kernel code, its tp register points at
 * its struct cpu, so cpu_this() is one register read.
 */
#pragma once

#include "arch/param.h"

/* Byte offset of struct cpu.fault_fixup, for arch/probe.S. */
#define CPU_FAULT_FIXUP 16

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

/* Callee-saved registers of a kernel thread that gave up the hart: what
 * proc/sched/swtch.S saves and restores. */
struct context {
	uint64_t ra, sp;
	uint64_t s[12];
};

struct proc;

struct cpu {
	uint32_t hart_id;
	int online;          /* set once the hart runs with the kernel page table */
	int intr_depth;      /* nesting of intr_push() */
	int intr_was_on;     /* interrupt state before the outermost intr_push() */
	uintptr_t fault_fixup; /* resume address for an expected kernel fault */
	uintptr_t stack_lo, stack_hi; /* the stack the hart booted on */
	struct proc *proc;   /* running here, or 0 in the scheduler */
	struct context sched_ctx; /* the scheduler loop, while a process runs */
	struct proc *fpu_owner; /* whose values the FP registers hold */
	int slice_over;      /* a tick came: yield before returning to user */
	int in_interrupt;    /* handling one: a wakeup now is not the running
	                      * process's (proc/sched/runq.c) */

	/* The address space on this hart (mm/asid.c).  It stays installed
	 * after its process leaves, until the next one's replaces it. */
	void *root_held;     /* its root, one reference held; 0: the kernel's */
	int releasing;       /* letting go of root_held (proc/sched/sched.c) */
	uint16_t asid;       /* the ASID in satp */
	uint64_t asid_gen;   /* this hart's TLB holds no entry of an older one */

	/* Counts for the sysinfo system call, kept by this hart alone. */
	uint64_t switches;   /* processes switched to */
	uint64_t idle_waits; /* times it found nothing to run and waited */
	uint64_t steals;     /* processes taken from another hart's queue */
	uint64_t ipis_sent, ipis_received;
	uint64_t ticks;      /* timer interrupts taken */
};

extern struct cpu cpus[NCPU];
_Static_assert(offsetof(struct cpu, fault_fixup) == CPU_FAULT_FIXUP,
	       "arch/probe.S needs this offset");

#ifdef SV39COW_HOST
struct cpu *cpu_this(void);
void intr_push(void);
void intr_pop(void);
#else
#include "arch/riscv.h"

static inline struct cpu *cpu_this(void)
{
	struct cpu *c;
	__asm__ volatile("mv %0, tp" : "=r"(c));
	return c;
}

static inline int intr_enabled(void)
{
	return (csr_read(sstatus) & SSTATUS_SIE) != 0;
}

static inline void intr_on(void)
{
	__asm__ volatile("csrs sstatus, %0" ::"r"(SSTATUS_SIE) : "memory");
}

/* Disable interrupts, remembering whether they were on; nests.  Inline:
 * every spinlock does this, and the fault path takes several. */
static inline void intr_push(void)
{
	uint64_t old = csr_read_clear(sstatus, SSTATUS_SIE);
	struct cpu *c = cpu_this();
	if (c->intr_depth++ == 0)
		c->intr_was_on = (old & SSTATUS_SIE) != 0;
}

__attribute__((noreturn)) void intr_pop_misuse(void); /* see intr_pop */

/* Undo one intr_push(); interrupts come back on with the outermost one. */
static inline void intr_pop(void)
{
	struct cpu *c = cpu_this();
	if (intr_enabled() || c->intr_depth < 1)
		intr_pop_misuse();
	if (--c->intr_depth == 0 && c->intr_was_on)
		intr_on();
}
#endif

/* Bind the calling hart to its struct cpu (sets tp). */
void cpu_init(uint32_t hart_id);

/* Number of harts that have come online. */
int cpu_online_count(void);

/* Bounds of the kernel stack that contains sp, for backtraces. */
void cpu_stack_bounds(uintptr_t sp, uintptr_t *lo, uintptr_t *hi);
#endif /* !__ASSEMBLER__ */
