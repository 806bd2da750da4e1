/*
 * From a7 to a handler.  The handler table is generated from
 * include/syscall_table.h, as are the user stubs, so the two sides cannot
 * disagree about a number.
 */
#include "trap/syscall.h"

#include "trap/sys.h"

#include "arch/printk.h"
#include "proc/sched/proc.h"
#include "proc/trace.h"

typedef uint64_t (*syscall_fn)(void);

/* The handler for number, or 0.  A switch over the table: the compiler
 * makes it a jump table (the numbers are dense in two places, xv6's and
 * ours), so finding the handler costs the same for every call, and two
 * entries with one number are two equal case labels, a compile-time
 * error (tests/build checks that it fails). */
static syscall_fn syscall_handler(uint64_t number)
{
	switch (number) {
#define SYSCALL(num, stub, handler, nargs) case num: return handler;
#include "include/syscall_table.h"
#undef SYSCALL
	default:
		return 0;
	}
}

void syscall_dispatch(void)
{
	struct proc *p = proc_current();
	uint64_t number = p->tf->a7;
	syscall_fn handler = syscall_handler(number);
	if (!handler) {
		kprintf("pid %d (%s): unknown system call %ld\n", p->pid, p->name,
			(long)number);
		p->tf->a0 = (uint64_t)-1;
		return;
	}
	if (!proc_traces(p, TRACE_SYSCALLS)) {
		p->tf->a0 = handler();
		return;
	}
	uint64_t args[3] = { p->tf->a0, p->tf->a1, p->tf->a2 };
	p->tf->a0 = handler();
	trace_syscall(p, (uint32_t)number, args, p->tf->a0);
}
