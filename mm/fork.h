/*
 * What fork does with the parent's memory (mm/fork.c): the fork=copy|pte|
 * table boot option.  docs/cow.md compares the three.
 */
#pragma once

#include "mm/space.h"

enum fork_mode {
	FORK_COPY,  /* a private copy of every page (mm/copy.c) */
	FORK_PTE,   /* every leaf shared copy-on-write (mm/share.c) */
	FORK_TABLE, /* level-0 tables shared copy-on-write: the default */
};
void fork_set_mode(enum fork_mode mode);
enum fork_mode fork_mode(void);
/* The mode a fork=... word names; -1 for no mode. */
int fork_mode_named(const char *name);

/* Gives dst, which must be empty, everything src maps, in the current
 * mode.  On failure dst is empty again, src untouched, and -1 returned. */
int fork_space(struct vm_space *src, struct vm_space *dst);
