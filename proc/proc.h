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
 * the sleep links (proc/sleep.c), a run queue's lock run_next and
 * queued_at (proc/runq.c).  proc_wait_lock guards every
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
#include "trap/frame.h"

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

/* The user's floating-point registers (proc/fpu.c). */
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

/* proc/proc.c: slots. */
/* A slot in EMBRYO state with a pid and its kernel stack set up to enter
 * entry() on first run; returned locked.  0 if the table is full. */
struct proc *proc_alloc(void (*entry)(void));
/* Frees everything a zombie (or a failed embryo) still holds; p->lock held. */
void proc_free(struct proc *p);
struct proc *proc_by_pid(int pid); /* locked, or 0 */
void proc_dump(void);              /* Ctrl-P: one line per process */

/* proc/sched.c: running and waiting. */
__attribute__((noreturn)) void scheduler(void);
void sched(void);       /* give up the hart; p->lock held, state set */
/* RUNNABLE, and on the run queue; p->lock held. */
void sched_make_runnable(struct proc *p);
void proc_yield(void);
/* For long loops in system calls (the kernel is not preemptible), and on
 * every way back to user mode: gives up the hart if a tick has ended this
 * process's time slice.  No locks may be held. */
static inline void proc_preempt_point(void)
{
	struct cpu *c = cpu_this();
	if (c->slice_over) {
		c->slice_over = 0;
		proc_yield();
	}
}
/* Sleeps on chan, releasing lk meanwhile; lk is held again on return. */
void proc_sleep(const void *chan, struct spinlock *lk);
void proc_wakeup(const void *chan);
void sched_stop_world(void);   /* other harts stop taking processes */
int sched_settle_roots(void);  /* see proc/sched.c */
void sched_resume_world(void);

/* proc/lifecycle.c: the system calls that make and end processes. */
void proc_start_init(void);
int proc_fork(void);
__attribute__((noreturn)) void proc_exit(int status);
int proc_wait(uintptr_t status_addr);
int proc_kill(int pid);
static inline int proc_killed(struct proc *p)
{
	return __atomic_load_n(&p->killed, __ATOMIC_ACQUIRE);
}
int proc_current_killed(void); /* for blocking calls in fs/ */
void proc_set_killed(struct proc *p);

/* proc/exec.c */
int proc_exec(const char *path, char *const argv[], int argc);

/* proc/grow.c: sbrk. */
#define SBRK_EAGER 1
#define SBRK_LAZY 2
uintptr_t proc_grow(struct proc *p, long n, int mode); /* old sz or -1 */

/* proc/fpu.c */
void fpu_first_use(struct proc *p);
void fpu_save(struct proc *p);    /* before p leaves its hart */
void fpu_load_for(struct proc *p);
/* Before p returns to user mode: its FP registers, if it uses them and
 * this hart does not hold them already.  Inline, as most programs never
 * touch FP and every trap comes this way. */
__attribute__((always_inline)) static inline void fpu_restore(struct proc *p)
{
	if (p->tf->sstatus & SSTATUS_FS)
		fpu_load_for(p);
}
