/*
 * Making and ending processes: the first process, fork, exit, wait, kill.
 * fork builds the child completely while it is still an EMBRYO no hart
 * will pick, so a failure at any step frees the child and leaves the
 * parent exactly as it was.  exit gives back memory and files at once; the
 * zombie keeps only its slot, page-table root and kernel stack, which its
 * parent's wait frees (a process cannot free the stack it runs on).
 */
#include "proc/lifecycle.h"

#include "proc/sched/proc.h"
#include "proc/exec.h"

#include "arch/power.h"
#include "fs/file.h"
#include "arch/printk.h"
#include "arch/panic.h"
#include "lib/string.h"
#include "mm/asid.h"
#include "mm/uaccess.h"
#include "proc/trace.h"
#include "mm/fork.h"
#include "proc/sched/sched.h"
#include "proc/sched/sleep.h"
#include "proc/sched/fpu.h"
#include "fs/path.h"
#include "fs/inode.h"

static struct init_options init_opts;

void proc_exec_init(void)
{
	const char *path = init_opts.path;
	char *argv[] = { (char *)path, (char *)init_opts.run, 0 };
	if (proc_exec(path, argv, init_opts.run ? 2 : 1) < 0) {
		/* Not a kernel bug: no memory (failalloc=N with a small N does
		 * it) or no such program in the image.  Nothing can run. */
		kprintf("sv39cow: cannot start %s (out of memory, or not in "
			"the image); powering off\n", path);
		power_off(1);
	}
}

void proc_start_init(const struct init_options *opts, void (*first_run)(void))
{
	struct proc *p = proc_alloc(first_run);
	if (!p || vm_space_create(&p->vs))
		panic("proc_start_init: out of memory");
	p->cwd = path_lookup(0, "/");
	if (!p->cwd)
		panic("proc_start_init: no root directory");
	memcpy(p->name, "init", 5);
	init_opts = *opts;
	trace_boot(p, opts->trace);
	proc_init = p;
	sched_make_runnable(p);
	spin_unlock(&p->lock);
}

static void fork_discard(struct proc *c)
{
	spin_lock(&c->lock);
	proc_free(c);
	spin_unlock(&c->lock);
}

/* A zombie was reaped: its slot is free (see fork_alloc). */
static const char slot_freed;

/* Has an orphan exited that init has not reaped yet?  proc_wait_lock
 * held: exit turns a process into a zombie and reparent hands it to init
 * under it. */
static int zombies_owed_to_init(void)
{
	for (int i = 0; i < NPROC; i++)
		if (proc_table[i].parent == proc_init &&
		    proc_table[i].state == PROC_ZOMBIE)
			return 1;
	return 0;
}

/*
 * A slot for p's child.  A full table may be full of orphans that have
 * exited and wait only for init to reap them.  init always does, but it is
 * a process like any other: it waits its turn for a hart, and under QEMU
 * the host may not run that hart for milliseconds, while a loop of fork
 * and exit makes orphans much faster (usertests reparent).  Failing that
 * fork would make p pay for init's turn, so p waits for a reaping instead
 * -- unless p is init, which would wait for itself, or is killed.
 */
static struct proc *fork_alloc(struct proc *p, void (*first_run)(void))
{
	struct proc *c = proc_alloc(first_run);
	if (c || p == proc_init)
		return c;
	spin_lock(&proc_wait_lock);
	while (!(c = proc_alloc(first_run)) && !proc_killed(p) &&
	       zombies_owed_to_init())
		proc_sleep(&slot_freed, &proc_wait_lock);
	spin_unlock(&proc_wait_lock);
	return c;
}

static int fail_fork_pid; /* 0: none */

void proc_fail_next_fork(int pid)
{
	__atomic_store_n(&fail_fork_pid, pid, __ATOMIC_RELAXED);
}

/* Once only, as if the table were full: the next try finds a slot. */
static int fork_fails_on_purpose(const struct proc *p)
{
	int pid = p->pid;
	return __atomic_load_n(&fail_fork_pid, __ATOMIC_RELAXED) == pid &&
	       __atomic_compare_exchange_n(&fail_fork_pid, &pid, 0, 0,
					   __ATOMIC_RELAXED, __ATOMIC_RELAXED);
}

int proc_fork(void (*first_run)(void), fork_seen_fn seen, void *ctx)
{
	struct proc *p = proc_current();
	if (fork_fails_on_purpose(p))
		return -1;
	struct proc *c = fork_alloc(p, first_run);
	if (!c)
		return -1;
	spin_unlock(&c->lock); /* an EMBRYO is ours alone */
	if (vm_space_create(&c->vs) ||
	    fork_space(&p->vs, &c->vs)) {
		fork_discard(c);
		return -1;
	}
	c->sz = p->sz;
	c->heap_base = p->heap_base;
	*c->tf = *p->tf;
	c->tf->a0 = 0; /* fork returns 0 in the child */
	fpu_save(p);             /* the child copies up-to-date values */
	c->fpu = p->fpu;
	for (int i = 0; i < NOFILE; i++)
		if (p->ofile[i])
			c->ofile[i] = file_dup(p->ofile[i]);
	c->cwd = inode_dup(p->cwd);
	memcpy(c->name, p->name, sizeof c->name);
	trace_fork(p, c);
	if (seen)
		seen(ctx, p, c);
	int pid = c->pid;

	spin_lock(&proc_wait_lock);
	c->parent = p;
	spin_unlock(&proc_wait_lock);
	spin_lock(&c->lock);
	sched_make_runnable(c);
	spin_unlock(&c->lock);
	return pid;
}

/* Children of p go to init; proc_wait_lock held. */
static void reparent(struct proc *p)
{
	for (int i = 0; i < NPROC; i++)
		if (proc_table[i].parent == p) {
			proc_table[i].parent = proc_init;
			proc_wakeup(proc_init); /* it may be a zombie already */
		}
}

void proc_exit(int status)
{
	struct proc *p = proc_current();
	if (p == proc_init)
		panic("proc_exit: init exited with status %d", status);
	for (int i = 0; i < NOFILE; i++)
		if (p->ofile[i]) {
			file_close(p->ofile[i]);
			p->ofile[i] = 0;
		}
	inode_put(p->cwd);
	p->cwd = 0;
	/* Memory back now, not at reaping, and all of it: off our own page
	 * table first, so that the root can go too. */
	asid_activate_kernel();
	vm_space_destroy(&p->vs);

	spin_lock(&proc_wait_lock);
	/* Under the lock trace_attach holds while it checks that we are not
	 * a zombie yet: it attaches before we leave the session here, or
	 * finds us a zombie, never in between. */
	trace_exit(p);
	reparent(p);
	proc_wakeup(p->parent);
	spin_lock(&p->lock);
	p->xstatus = status;
	p->state = PROC_ZOMBIE;
	spin_unlock(&proc_wait_lock);
	sched();
	panic("proc_exit: zombie %d ran again", p->pid);
}

/* Reaps a zombie child of p if there is one: its pid, 0 if none, -1 if
 * the status could not be stored (the child then stays a zombie). */
static int reap_one(struct proc *p, uintptr_t status_addr, int *have_kids)
{
	for (int i = 0; i < NPROC; i++) {
		struct proc *c = &proc_table[i];
		if (c->parent != p)
			continue;
		*have_kids = 1;
		spin_lock(&c->lock);
		if (c->state == PROC_ZOMBIE) {
			int pid = c->pid;
			if (status_addr &&
			    uaccess_copyout(&p->vs, status_addr, &c->xstatus,
				       sizeof c->xstatus)) {
				spin_unlock(&c->lock);
				return -1;
			}
			proc_free(c);
			spin_unlock(&c->lock);
			proc_wakeup(&slot_freed);
			return pid;
		}
		spin_unlock(&c->lock);
	}
	return 0;
}

int proc_wait(uintptr_t status_addr)
{
	struct proc *p = proc_current();
	spin_lock(&proc_wait_lock);
	for (;;) {
		int have_kids = 0;
		int pid = reap_one(p, status_addr, &have_kids);
		if (pid != 0 || !have_kids || proc_killed(p)) {
			spin_unlock(&proc_wait_lock);
			return pid != 0 ? pid : -1;
		}
		proc_sleep(p, &proc_wait_lock); /* exit wakes us */
	}
}

/* Any process but init, which must outlive everything it reaps. */
int proc_kill(int pid)
{
	struct proc *p = pid == 1 ? 0 : proc_by_pid(pid);
	if (!p)
		return -1;
	p->killed = 1;
	if (p->state == PROC_SLEEPING)
		sched_make_runnable(p); /* its blocking call returns -1 */
	spin_unlock(&p->lock);
	return 0;
}
