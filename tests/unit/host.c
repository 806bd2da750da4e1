/* Host stand-ins for what kernel code expects from the machine. */
#include "host.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "arch/cpu.h"
#include "kernel/panic.h"
#include "proc/proc.h"

uintptr_t dmap_offset;
int tlb_page_flushes, tlb_full_flushes;

static struct cpu host_cpu;

struct cpu *cpu_this(void)
{
	return &host_cpu;
}

void intr_push(void)
{
}

void intr_pop(void)
{
}

void tlb_flush_page(uintptr_t va)
{
	(void)va;
	tlb_page_flushes++;
}

void tlb_flush_all(void)
{
	tlb_full_flushes++;
}

/* Blocking: host tests drive pipes so that nothing ever has to wait; a
 * sleep would be a deadlock, so it fails the test. */
void proc_sleep(const void *chan, struct spinlock *lk)
{
	(void)chan;
	(void)lk;
	fail_msg("proc_sleep: a host test would block");
}

void proc_wakeup(const void *chan)
{
	(void)chan;
}

int proc_current_killed(void)
{
	return 0;
}

/* A kernel panic becomes a cmocka assertion failure, which
 * expect_assert_failure() catches and any other test reports. */
void panic(const char *fmt, ...)
{
	char msg[256];
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
