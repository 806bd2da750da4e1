/* Printing a process's pages as pgmap reports them (usr/lib/pglist.c). */
#pragma once

#include "lib/user.h"

/* Prints pid's pages (0: the caller's) to fd, one line per run of pages
 * alike; verbose adds each run's frame, reference count and table, and
 * splits runs where those change.  0, or -1 if there is no such process. */
int pglist_print(int fd, int pid, int verbose);
