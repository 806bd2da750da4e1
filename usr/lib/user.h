/*
 * What user programs can call: the system calls (stubs in usys.S, numbers
 * in include/syscall_table.h) and the small C library in usr/lib.
 */
#pragma once

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "include/devices.h"
#include "include/fcntl.h"
#include "include/stat.h"
#include "include/user_layout.h"
#include "include/sysinfo.h"
#include "include/vmstat.h"
#include "include/pgmap.h"
#include "include/trace.h"

/* System calls, xv6's numbers 1..21. */
int fork(void);
__attribute__((noreturn)) int exit(int status);
int wait(int *status);
int pipe(int fds[2]);
int read(int fd, void *buf, int n);
int write(int fd, const void *buf, int n);
int close(int fd);
int kill(int pid);
int exec(const char *path, char **argv);
int open(const char *path, int flags);
int mknod(const char *path, short major, short minor);
int unlink(const char *path);
int fstat(int fd, struct stat *st);
int link(const char *old, const char *new);
int mkdir(const char *path);
int chdir(const char *path);
int dup(int fd);
int getpid(void);
char *sys_sbrk(int n, int mode);
int pause(int ticks);
int uptime(void);

/* Ours, from 100. */
__attribute__((noreturn)) int poweroff(int status);
int vmstat(struct vm_stats *out);
int sysinfo(struct sys_info *out);
int pgmap(int pid, uint64_t from, struct pg_run *runs, int max,
	  struct pg_space *space);
int trace(int pid, int what, const struct trace_filter *filter);
int traceread(struct trace_event *events, int max, uint64_t *lost);
int pgowners(uint64_t pa, struct pg_owner *owners, int max);
int forksnap(struct fork_snapshot *snap);
int refcheck(void);

/* usr/lib/ulib.c */
#define SBRK_EAGER 1
#define SBRK_LAZY 2
#define SBRK_ERROR ((char *)-1)
char *sbrk(int n);     /* eager: the pages exist when it returns */
char *sbrklazy(int n); /* lazy: pages appear when first touched */
int sleep(int ticks);
/* Ticks in ms milliseconds at the kernel's tick rate (sysinfo), at least 1:
 * for our programs, which unlike xv6's may not assume a rate. */
int ms_to_ticks(int ms);
int stat(const char *path, struct stat *st);

/* usr/lib/proof.c: after a case's checks passed, the line a grader looks
 * for, "proof PROGRAM NAME HASH"; nothing when key is 0.  proof_options
 * reads a test program's -t (TAP), -k KEY and -x NAME (proof_skipped:
 * left out of a full run; proof_skips_known: each names a case); the
 * index of the first case name, or -1 after printing the usage. */
void proof_print(const char *key, const char *program, const char *name);
int proof_options(int argc, char **argv, int *tap, const char **key);
int proof_skips_known(const char *program, int (*is_case)(const char *));
int proof_skipped(const char *name);
/* The hart's counters, which the kernel lets user code read: instructions
 * retired, and the timebase (for benchmarks; usr/forkbench.c says when
 * they are exact). */
static inline uint64_t read_instret(void)
{
	uint64_t n;
	__asm__ volatile("rdinstret %0" : "=r"(n));
	return n;
}
static inline uint64_t read_time(void)
{
	uint64_t n;
	__asm__ volatile("rdtime %0" : "=r"(n));
	return n;
}
/* For a first process: opens /console (making the device node if it is
 * missing) as fds 0, 1 and 2; -1 if it cannot. */
int console_open_std(void);
char *gets(char *buf, int max);
int atoi(const char *s);
char *strcpy(char *dst, const char *src);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/* usr/lib/printf.c: formats like the kernel's kprintf (%d %u %x %lx %p
 * %s %c %%, widths, -, 0); each call is one write. */
__attribute__((format(printf, 1, 2))) int printf(const char *fmt, ...);
__attribute__((format(printf, 2, 3))) int fprintf(int fd, const char *fmt,
						  ...);

/* usr/lib/umalloc.c */
void *malloc(size_t n);
void free(void *p);
