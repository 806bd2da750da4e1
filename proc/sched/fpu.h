/*
 * Lazy floating point (proc/sched/fpu.c): a process's FP registers are
 * saved and loaded only once it has used them, and stay on a hart while
 * no other process there needs them.  docs/process.md.
 */
#pragma once

#include "arch/riscv.h"
#include "proc/sched/proc.h"

void fpu_first_use(struct proc *p);
void fpu_save(struct proc *p); /* before p leaves its hart */
void fpu_load_for(struct proc *p);
/* Before p returns to user mode: its FP registers, if it uses them and
 * this hart does not hold them already.  Inline, as most programs never
 * touch FP and every trap comes this way. */
__attribute__((always_inline)) static inline void fpu_restore(struct proc *p)
{
	if (p->tf->sstatus & SSTATUS_FS)
		fpu_load_for(p);
}
