/*
 * Making and ending processes (proc/lifecycle.c, floor 6, above the file
 * system): the first process, fork, exit, wait, kill.  The process table,
 * the scheduler and sleep/wakeup they build on are one floor lower, in
 * proc/sched/, so that fs/ can sleep without reaching up here.
 */
#pragma once

#include <stdint.h>

struct proc;

/* What kmain tells the first process, from the boot options. */
struct init_options {
	const char *path;  /* the program to run: "/init" unless init=PATH */
	const char *run;   /* init.run=...: its argument, or 0 */
	const char *trace; /* trace=s|f|sf: trace from boot, or 0 */
};
/* Makes pid 1, which runs first_run() when a hart first picks it; that
 * calls proc_exec_init and then returns to user mode (kernel/main.c). */
void proc_start_init(const struct init_options *opts, void (*first_run)(void));
/* Replaces pid 1's empty image with the init program; on failure says why
 * and powers off, as nothing else can run. */
void proc_exec_init(void);
/* The child starts in first_run(), which returns to user mode from the
 * copy of the parent's trap frame (trap/ passes resume_user).  If seen is
 * not 0, it is called with ctx, parent and child once the child is
 * complete and before it can run: the one moment both spaces are exactly
 * as fork left them (the forksnap system call looks then). */
typedef void (*fork_seen_fn)(void *ctx, struct proc *parent,
			     struct proc *child);
int proc_fork(void (*first_run)(void), fork_seen_fn seen, void *ctx);
/* failfork=PID (a boot option, for tests): that process's next fork fails
 * as if the process table were full. */
void proc_fail_next_fork(int pid);
__attribute__((noreturn)) void proc_exit(int status);
int proc_wait(uintptr_t status_addr);
int proc_kill(int pid);
