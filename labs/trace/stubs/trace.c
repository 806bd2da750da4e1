/*
 * Tracing system calls and page faults: the trace lab's, all of it
 * (docs/labs/trace.md; the interface is include/trace.h, the hooks
 * proc/trace.h).  Until it is written nobody traces: trace() and
 * traceread() fail, and the hooks the kernel calls record nothing.
 */
#include "proc/trace.h"

#include "mm/fault.h"
#include "proc/sched/proc.h"

void trace_boot(struct proc *init, const char *what)
{
	(void)init;
	(void)what;
}

void trace_fork(struct proc *parent, struct proc *child)
{
	(void)parent;
	child->trace = 0;
	child->trace_own = 0;
	child->trace_mask = child->trace_start = 0;
}

void trace_exec(struct proc *p)
{
	(void)p;
}

void trace_exit(struct proc *p)
{
	(void)p;
}

int trace_attach(int pid, int what, uintptr_t filter)
{
	(void)pid;
	(void)what;
	(void)filter;
	return -1;
}

int trace_read(uintptr_t events, int max, uintptr_t lost)
{
	(void)events;
	(void)max;
	(void)lost;
	return -1;
}

void trace_syscall(struct proc *p, uint32_t number, const uint64_t args[3],
		   uint64_t ret)
{
	(void)p;
	(void)number;
	(void)args;
	(void)ret;
}

void trace_fault(struct proc *p, uintptr_t va, uint64_t scause,
		 const struct fault_report *r, int by_kernel)
{
	(void)p;
	(void)va;
	(void)scause;
	(void)r;
	(void)by_kernel;
}

void trace_kernel_fault(struct vm_space *vs, uintptr_t va, uint64_t scause,
			const struct fault_report *r)
{
	(void)vs;
	(void)va;
	(void)scause;
	(void)r;
}
