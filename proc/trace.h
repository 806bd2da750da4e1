/*
 * Tracing system calls and page faults (proc/trace.c): a tracer attaches
 * to its child, which records into the tracer's ring of events, as do
 * the child's own children; the tracer reads them with traceread.
 */
#pragma once

#include <stdint.h>

#include "mm/vm.h"

struct proc;
struct trace_session;

/* The trace=... boot option (what: "s", "f" or "sf", or 0) for the first
 * process: its events go to the console as they happen. */
void trace_boot(struct proc *init, const char *what);
/* fork: the child records where its parent does. */
void trace_fork(struct proc *parent, struct proc *child);
/* exec: a process attached since its last exec starts recording now. */
void trace_exec(struct proc *p);
/* exit: stop recording, and stop reading; proc_wait_lock held, so that
 * trace_attach sees the process either before this or as a zombie. */
void trace_exit(struct proc *p);
/* The system calls: trace(pid, what) and traceread(events, max, lost). */
int trace_attach(int pid, int what, uintptr_t filter);
int trace_read(uintptr_t events, int max, uintptr_t lost);

/* Records a system call of p, which traces them (proc_traces). */
void trace_syscall(struct proc *p, uint32_t number, const uint64_t args[3],
		   uint64_t ret);
struct fault_report;
/* Records a page fault of p (which traces faults: proc_traces) from the
 * report fault_resolve gave; by_kernel: the kernel's copy to or from user
 * memory took it. */
void trace_fault(struct proc *p, uintptr_t va, uint64_t scause,
		 const struct fault_report *r, int by_kernel);
/* mm/uaccess.c's fault observer (kmain installs it): records the kernel's
 * fault if it happened in the space of a process that traces faults. */
void trace_kernel_fault(struct vm_space *vs, uintptr_t va, uint64_t scause,
			const struct fault_report *r);
