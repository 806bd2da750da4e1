/* sbrk (proc/grow.c): the break moves eagerly (pages now) or lazily
 * (demand-zero pages, filled on first touch).  docs/abi.md's two forms. */
#pragma once

#include <stdint.h>

struct proc;

#define SBRK_EAGER 1
#define SBRK_LAZY 2
uintptr_t proc_grow(struct proc *p, long n, int mode); /* old sz or -1 */
