/*
 * The process table: NPROC slots, each with a kernel stack that lives
 * here rather than in the frame pool, so creating a process costs no frame
 * for it and no stack can leak.  Pids count up from 1 and are never reused.
 */
#include "proc/sched/proc.h"

#include "arch/printk.h"
#include "lib/string.h"

struct proc proc_table[NPROC];
struct spinlock proc_wait_lock = SPINLOCK_INIT("wait");
struct proc *proc_init;

static uint8_t kstacks[NPROC][KSTACK_SIZE] __attribute__((aligned(4096)));
static int next_pid = 1;

/* The first switch into a process lands here (its saved ra), in the
 * scheduler's critical section; from here on it is an ordinary process
 * that runs the function it was made with. */
static void proc_first_run(void)
{
	struct proc *p = proc_current();
	spin_unlock(&p->lock); /* taken by the scheduler for the switch */
	p->first_run();
}

static void proc_slot_init(struct proc *p, void (*first_run)(void))
{
	int slot = (int)(p - proc_table);
	uintptr_t top = (uintptr_t)kstacks[slot] + KSTACK_SIZE;
	p->pid = __atomic_fetch_add(&next_pid, 1, __ATOMIC_RELAXED);
	p->state = PROC_EMBRYO;
	p->killed = 0;
	p->xstatus = 0;
	p->chan = 0;
	p->trace = p->trace_own = 0;
	p->trace_mask = p->trace_start = 0;
	p->tf = (struct trap_frame *)(top - sizeof(struct trap_frame));
	memset(p->tf, 0, sizeof *p->tf);
	memset(&p->ctx, 0, sizeof p->ctx);
	p->ctx.ra = (uint64_t)proc_first_run;
	p->ctx.sp = (uint64_t)p->tf; /* the kernel stack continues below */
	memset(&p->fpu, 0, sizeof p->fpu);
	p->fpu_hart = 0;
	p->first_run = first_run;
}

struct proc *proc_alloc(void (*first_run)(void))
{
	for (int i = 0; i < NPROC; i++) {
		struct proc *p = &proc_table[i];
		spin_lock(&p->lock);
		if (p->state == PROC_UNUSED) {
			proc_slot_init(p, first_run);
			return p;
		}
		spin_unlock(&p->lock);
	}
	return 0;
}

void proc_free(struct proc *p)
{
	if (p->vs.root)
		vm_space_destroy(&p->vs);
	memset(&p->vs, 0, sizeof p->vs);
	p->sz = p->heap_base = 0;
	p->parent = 0;
	p->name[0] = 0;
	p->pid = 0;
	p->state = PROC_UNUSED;
}

struct proc *proc_by_pid(int pid)
{
	for (int i = 0; i < NPROC; i++) {
		struct proc *p = &proc_table[i];
		spin_lock(&p->lock);
		if (p->state != PROC_UNUSED && p->pid == pid)
			return p;
		spin_unlock(&p->lock);
	}
	return 0;
}

/* Ctrl-P: each process, the hart running it (- if none) and the pages
 * of its user memory.  Without locks on purpose: Ctrl-P must work even
 * when the system is wedged with a lock held. */
void proc_dump(void)
{
	static const char *const names[] = {
		[PROC_UNUSED] = "unused",     [PROC_EMBRYO] = "embryo",
		[PROC_SLEEPING] = "sleeping", [PROC_RUNNABLE] = "runnable",
		[PROC_RUNNING] = "running",   [PROC_ZOMBIE] = "zombie",
	};
	kprintf("\npid  state     name             hart  pages\n");
	for (int i = 0; i < NPROC; i++) {
		struct proc *p = &proc_table[i];
		if (p->state == PROC_UNUSED)
			continue;
		int hart = -1;
		for (int h = 0; h < NCPU; h++)
			if (cpus[h].proc == p)
				hart = (int)cpus[h].hart_id;
		kprintf("%-4d %-9s %-16s ", p->pid, names[p->state], p->name);
		if (hart >= 0)
			kprintf("%4d", hart);
		else
			kprintf("   -");
		/* [0, sz) less the guard page, which has no frame. */
		kprintf("  %5lu\n", p->sz / PAGE_SIZE - (p->sz ? 1 : 0));
	}
}
