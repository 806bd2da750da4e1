/*
 * What the fuzz targets need besides tests/unit/host_machine.c: a panic
 * is a crash libFuzzer records (abort, after saying why), and so is any
 * wait, since nothing in a fuzz run can ever wake a sleeper.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "arch/panic.h"
#include "mm/kvm.h"
#include "proc/sched/proc.h"
#include "proc/sched/sleep.h"

void panic(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "panic: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	abort();
}

void proc_sleep(const void *chan, struct spinlock *lk)
{
	(void)chan;
	(void)lk;
	fuzz_fail("proc_sleep: nothing could wake this sleeper");
}

/* Only exec builds address spaces with a kernel half; no target does. */
pagetable_t kvm_new_root(void)
{
	fuzz_fail("kvm_new_root: no address spaces in the fuzz targets");
}

void fuzz_fail(const char *what)
{
	fprintf(stderr, "property broken: %s\n", what);
	abort();
}
