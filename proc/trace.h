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

/* Sets up the trace=... boot option for the first process. */
void trace_boot(struct proc *init);
/* fork: the child records where its parent does. */
void trace_fork(struct proc *parent, struct proc *child);
/* exit: stop recording, and stop reading. */
void trace_exit(struct proc *p);
/* The system calls: trace(pid, what) and traceread(events, max, lost). */
int trace_attach(int pid, int what);
int trace_read(uintptr_t events, int max, uintptr_t lost);

/* Records a system call of p, which traces them (proc_traces). */
void trace_syscall(struct proc *p, uint32_t number, const uint64_t args[3],
		   uint64_t ret);
/* vm_fault, recorded if the current process traces faults in vs;
 * by_kernel: the kernel's copy to or from user memory took it. */
int vm_fault_traced(struct vm_space *vs, uintptr_t va, uint64_t scause,
		    int by_kernel);
