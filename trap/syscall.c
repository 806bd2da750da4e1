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

struct syscall {
	uint32_t number;
	uint64_t (*handler)(void);
};

static const struct syscall syscalls[] = {
#define SYSCALL(num, stub, handler, nargs) { num, handler },
#include "include/syscall_table.h"
#undef SYSCALL
};

#define NSYSCALLS (sizeof syscalls / sizeof syscalls[0])

/* Never called: two entries with one number make two equal case labels,
 * a compile-time error, instead of a call that silently reaches the
 * first (tests/build checks that it fails). */
static inline __attribute__((unused)) void syscall_numbers_are_unique(int n)
{
	switch (n) {
#define SYSCALL(num, stub, handler, nargs) case num:
#include "include/syscall_table.h"
#undef SYSCALL
		break;
	}
}

static const struct syscall *syscall_find(uint64_t number)
{
	for (uint32_t i = 0; i < NSYSCALLS; i++)
		if (syscalls[i].number == number)
			return &syscalls[i];
	return 0;
}

void syscall_dispatch(void)
{
	struct proc *p = proc_current();
	uint64_t number = p->tf->a7;
	const struct syscall *sc = syscall_find(number);
	if (!sc) {
		kprintf("pid %d (%s): unknown system call %ld\n", p->pid, p->name,
			(long)number);
		p->tf->a0 = (uint64_t)-1;
		return;
	}
	if (!proc_traces(p, TRACE_SYSCALLS)) {
		p->tf->a0 = sc->handler();
		return;
	}
	uint64_t args[3] = { p->tf->a0, p->tf->a1, p->tf->a2 };
	p->tf->a0 = sc->handler();
	trace_syscall(p, (uint32_t)number, args, p->tf->a0);
}
