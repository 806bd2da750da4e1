/* Host stand-ins that report through cmocka: a panic or a wait fails the
 * test.  The rest of the machine is in host_machine.c. */
#include "host.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "arch/panic.h"
#include "proc/sched/proc.h"
#include "proc/sched/sleep.h"

/* Blocking: host tests drive pipes so that nothing ever has to wait; a
 * sleep would be a deadlock, so it fails the test. */
void proc_sleep(const void *chan, struct spinlock *lk)
{
	(void)chan;
	(void)lk;
	fail_msg("proc_sleep: a host test would block");
}

/* A kernel panic becomes a cmocka assertion failure, which
 * expect_assert_failure() catches and any other test reports. */
void panic(const char *fmt, ...)
{
	static char msg[256]; /* cmocka prints it after the longjmp */
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	mock_assert(0, msg, __FILE__, __LINE__);
	abort();
}

void *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	void *buf = malloc(n > 0 ? (size_t)n : 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*size = (size_t)n;
	return buf;
}
