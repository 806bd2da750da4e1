/*
 * Processes.  Each has a kernel stack with its user trap frame at the top,
 * an address space, open files and a current directory.  docs/process.md
 * draws the states:
 *
 *   UNUSED -> EMBRYO -> RUNNABLE <-> RUNNING -> ZOMBIE -> UNUSED
 *                           ^           |
 *                           +- SLEEPING +
 *
 * Locking: p->lock guards state, killed and xstatus, and is held across
 * the switch into and out of a process; a wait list's lock guards chan and
 * the sleep links (proc/sched/sleep.c), a run queue's lock run_next and
 * queued_at (proc/sched/runq.c).  proc_wait_lock guards every
 * parent pointer; take it before any p->lock.  The rest belongs to the
 * process itself (or to whoever creates or reaps it).
 */
#pragma once

#include <stdint.h>

#include "arch/cpu.h"
#include "arch/riscv.h"
#include "arch/spinlock.h"
#include "include/trace.h"
#include "mm/vm.h"
#include "arch/trap_frame.h"

#define NPROC 64          /* process slots, init and sh included */
#define NOFILE 16         /* open files per process */
#define KSTACK_SIZE 16384 /* kernel stack, user trap frame at its top */
#define PROC_NAME_MAX 16

enum proc_state {
	PROC_UNUSED,
	PROC_EMBRYO,   /* being built by fork or boot */
	PROC_SLEEPING, /* waiting on chan */
	PROC_RUNNABLE,
	PROC_RUNNING,
	PROC_ZOMBIE,   /* exited, waiting for its parent to reap it */
};

/* The user's floating-point registers (proc/sched/fpu.c). */
struct fpu_state {
	uint64_t f[32];
	uint64_t fcsr;
};

struct proc {
	struct spinlock lock;
	enum proc_state state;
	const void *chan; /* what a sleeper waits for */
	struct proc *sleep_next, **sleep_prev; /* its wait list */
	struct proc *run_next; /* a run queue, while RUNNABLE */
	uint64_t queued_at;    /* when it was queued (the time CSR) */
	int killed;       /* exit with -1 at the next chance */
	int xstatus;      /* exit status, for the parent's wait */
	int pid;

	struct proc *parent; /* proc_wait_lock */

	struct trap_frame *tf; /* user registers, top of the kernel stack */
	struct context ctx;    /* kernel registers while switched out */
	void (*first_run)(void); /* what a new process runs first (its maker
				    says: fork's caller, or kmain for init) */
	struct vm_space vs;
	uintptr_t sz;        /* the break: user memory is [0, sz) */
	uintptr_t heap_base; /* sz right after exec: the heap starts here */
	struct file *ofile[NOFILE];
	struct inode *cwd;
	char name[PROC_NAME_MAX];

	struct fpu_state fpu; /* valid unless this process's registers are
				 live and dirty on a hart */
	struct cpu *fpu_hart; /* the hart whose registers fpu was loaded on */

	/* Tracing (proc/trace.c): where this process records and what, and
	 * the session it reads as a tracer. */
	struct trace_session *trace;
	int trace_mask;
	int trace_start; /* what to record from its next exec */
	int trace_chosen; /* the session's pid filter takes it (proc/trace.c) */
	struct trace_session *trace_own;
};

extern struct proc proc_table[NPROC];
extern struct spinlock proc_wait_lock;
extern struct proc *proc_init; /* pid 1, inherits orphans */

static inline struct proc *proc_current(void)
{
	return cpu_this()->proc;
}

/* Is p recording `what` (TRACE_SYSCALLS, TRACE_FAULTS: proc/trace.c)?
 * Inline, as every system call and fault asks and almost no process is
 * traced.  Acquire: a set bit means the session behind it is ready. */
static inline int proc_traces(const struct proc *p, int what)
{
	return __atomic_load_n(&p->trace_mask, __ATOMIC_ACQUIRE) & what;
}

/* A slot in EMBRYO state with a pid and its kernel stack set up to run
 * first_run() when a hart first picks it; returned locked.  0 if the
 * table is full. */
struct proc *proc_alloc(void (*first_run)(void));
/* Frees everything a zombie (or a failed embryo) still holds; p->lock held. */
void proc_free(struct proc *p);
struct proc *proc_by_pid(int pid); /* locked, or 0 */
void proc_dump(void);              /* Ctrl-P: one line per process */
