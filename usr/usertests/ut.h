/*
 * usertests, our port: every quick and slow case of xv6's usertests
 * (both generations; docs/testing.md lists them), written by us from a
 * description of what each checks.  Each case runs in its own child process
 * and fails by exiting non-zero (usually through ut_fail) or by being
 * killed.  Constants come from our headers, as xv6's come from its own.
 */
#pragma once

#include "lib/user.h"

#include "include/fs_format.h"

#define PGSIZE USER_PAGE_SIZE
#define MAXVA USER_TOP
#define TRAPFRAME USER_BRK_LIMIT
#define TRAMPOLINE (USER_TOP - USER_PAGE_SIZE)
#define KERNBASE 0x80000000UL   /* where RAM starts on QEMU virt */
#define MAXFILE 268 /* xv6's largest file, in blocks: what its tests write */
#define BSIZE FS_BLOCK_SIZE
#define DIRSIZ FS_NAME_MAX
#define MAXOPBLOCKS 10
#define BUFSZ ((MAXOPBLOCKS + 2) * BSIZE)
#define MAXARG USER_MAXARG
#define MAXPATH 128
#define NINODE 50  /* the kernel's inode cache (fs/fs.h FS_NINODE) */
#define BIG (100 * 1024 * 1024)

extern char buf[BUFSZ];

/* Prints "<case>: <message>" and exits 1. */
__attribute__((noreturn, format(printf, 2, 3))) void ut_fail(const char *s,
							    const char *fmt,
							    ...);
/* open() or write() that must succeed, else the case fails. */
int ut_open(const char *s, const char *path, int flags);
void ut_write(const char *s, int fd, const void *p, int n);
/* Waits for one child; its exit status. */
int ut_wait_status(void);
/* Forks a child that runs fn and exits 0 if it returns; the parent gets
 * the child's exit status. */
int ut_in_child(void (*fn)(const char *), const char *s);
/* Says, before they happen, that the kernel's kill lines that follow are
 * what the case wants. */
void ut_expect_kills(const char *why);

/* fork() for a child that runs until it is killed or told to stop: the
 * pid goes on the runner's list, and the runner kills everything on it
 * once the case is over, so a case that dies early (killed for lack of
 * memory, say) leaves nothing running behind it. */
int ut_fork_tracked(void);

typedef void (*ut_case_fn)(const char *name);

#define UT_CASES(X)                                                            \
	X(copyin) X(copyout) X(copyinstr1) X(copyinstr2) X(copyinstr3)        \
	X(rwsbrk) X(truncate1) X(truncate2) X(truncate3) X(openiput)          \
	X(exitiput) X(iput) X(opentest) X(writetest) X(writebig)              \
	X(createtest) X(dirtest) X(exectest) X(pipe1) X(killstatus)           \
	X(preempt) X(exitwait) X(reparent) X(twochildren) X(forkfork)         \
	X(forkforkfork) X(reparent2) X(mem) X(sharedfd) X(fourfiles)          \
	X(createdelete) X(unlinkread) X(linktest) X(concreate) X(linkunlink)  \
	X(subdir) X(bigwrite) X(bigfile) X(fourteen) X(rmdot) X(dirfile)      \
	X(iref) X(forktest) X(sbrkbasic) X(sbrkmuch) X(kernmem) X(MAXVAplus)  \
	X(sbrkfail) X(sbrkarg) X(validatetest) X(bsstest) X(bigargtest)       \
	X(argptest) X(stacktest) X(textwrite) X(nowrite) X(pgbug) X(sbrkbugs) \
	X(sbrklast) X(sbrk8000) X(badarg) X(lazy_alloc) X(lazy_unmap)         \
	X(lazy_copy) X(lazy_copyinstr) X(lazy_sbrk) X(partial_write)          \
	X(unlinkcwd)

#define UT_SLOW_CASES(X)                                                       \
	X(bigdir) X(manywrites) X(badwrite) X(execout) X(diskfull)            \
	X(outofinodes)

#define UT_DECLARE(name) void name(const char *s);
UT_CASES(UT_DECLARE)
UT_SLOW_CASES(UT_DECLARE)
#undef UT_DECLARE
