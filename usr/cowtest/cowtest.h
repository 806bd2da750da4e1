/* cowtest's shared pieces: the case bookkeeping and small helpers. */
#pragma once

#include "lib/user.h"

#define PAGE USER_PAGE_SIZE

int main(int argc, char **argv);

/* Prints msg (and a TAP "not ok") and exits with -1. */
__attribute__((noreturn)) void fail(const char *msg);
/* Prints "ok" for a case that passed, once the reference counts are
 * found right too. */
void pass(const char *name);
/* Says, before it happens, that the kernel's kill line that follows is
 * what the case wants. */
void expect_kill(const char *name, const char *why);
struct vm_stats stats(void);
/* The first word of every page of [p, p+n): set to v; all equal to v? */
void fill(char *p, uint64_t n, int v);
int holds(char *p, uint64_t n, int v);

/* The classic cases (classic.c) and ours (ours.c). */
void simple(void);
void three(void);
void file(void);
void forkfork(void);
void reuse(void);
void textro(void);
void copyout(void);
void chain(void);
void orphan(void);
void zeropage(void);
void oom(void);
void cowbit(void);
void forkwrite(void);
void forkfail(void);
void race(void);
void tables(void);
