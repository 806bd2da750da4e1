/* Printing a process's pages as pgmap reports them (usr/lib/pglist.c). */
#pragma once

#include "lib/user.h"

/* Prints pid's pages (0: the caller's) to fd, one line per run of pages
 * alike; verbose adds each run's frame, reference count and table, and
 * splits runs where those change; verbose 2 also names each level-1 table
 * before the runs under it.  0, or -1 if there is no such process. */
int pglist_print(int fd, int pid, int verbose);
/* From now on, the page at va gets a line of its own, marked. */
void pglist_follow(uint64_t va);
/* The same for runs already in hand (a fork snapshot: include/pgmap.h). */
void pglist_print_runs(int fd, const struct pg_space *sp,
		       const struct pg_run *runs, int n, int verbose);
