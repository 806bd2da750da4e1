/*
 * Lazy floating point for user programs.  A program starts with the FPU
 * Off (sstatus.FS in its saved sstatus); its first FP instruction traps as
 * an illegal instruction, and fpu_first_use turns the FPU on for it with
 * all registers zero.  From then on the hardware tracks whether the
 * registers changed (FS = Dirty): they are saved only then, when the
 * process leaves its hart, and loaded only when the hart's registers hold
 * somebody else's values, so programs that never touch FP cost nothing.
 */
#include "proc/sched/proc.h"

#include "arch/riscv.h"
#include "proc/sched/fpu.h"

#define FS_OFF (0UL << 13)
#define FS_INITIAL (1UL << 13)
#define FS_CLEAN (2UL << 13)
#define FS_DIRTY (3UL << 13)

void fpu_store(struct fpu_state *s);
void fpu_load(const struct fpu_state *s);

_Static_assert(sizeof(struct fpu_state) == 33 * 8,
	       "proc/sched/fpu_regs.S layout");

static uint64_t user_fs(struct proc *p)
{
	return p->tf->sstatus & SSTATUS_FS;
}

static void set_user_fs(struct proc *p, uint64_t fs)
{
	p->tf->sstatus = (p->tf->sstatus & ~SSTATUS_FS) | fs;
}

void fpu_first_use(struct proc *p)
{
	set_user_fs(p, FS_INITIAL);
	p->fpu_hart = 0; /* forces fpu_restore to load the zeroed state */
}

void fpu_save(struct proc *p)
{
	if (user_fs(p) != FS_DIRTY)
		return;
	csr_set(sstatus, FS_DIRTY); /* FS is Dirty already; be explicit */
	fpu_store(&p->fpu);
	set_user_fs(p, FS_CLEAN);
}

void fpu_load_for(struct proc *p)
{
	struct cpu *c = cpu_this();
	if (user_fs(p) == FS_OFF || (c->fpu_owner == p && p->fpu_hart == c))
		return;
	csr_set(sstatus, FS_INITIAL);
	fpu_load(&p->fpu);
	c->fpu_owner = p;
	p->fpu_hart = c;
	set_user_fs(p, FS_CLEAN);
}
