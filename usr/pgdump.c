/*
 * pgdump [-v] [-t] [PID]: a process's pages as the kernel maps them (the pgmap
 * system call), one line per run of pages alike: addresses, how many,
 * permissions, region (text, data, guard, stack, heap) and what maps the
 * frame (private, shared read-only, copy-on-write shared or sole owner,
 * the zero frame).  -v adds the frame, its reference count and the level-0
 * table, marked when fork shares the table; -t (which implies -v) also a
 * line for each level-1 table, with its count, before the runs under it.
 * Without PID: pgdump's own.
 */
#include "lib/pglist.h"

int main(int argc, char **argv)
{
	int verbose = 0, pid = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-v") == 0) {
			verbose = verbose > 1 ? verbose : 1;
		} else if (strcmp(argv[i], "-t") == 0) {
			verbose = 2;
		} else if (pid == 0 && atoi(argv[i]) > 0) {
			pid = atoi(argv[i]);
		} else {
			fprintf(2, "usage: pgdump [-v] [-t] [PID]\n");
			return 1;
		}
	}
	if (pglist_print(1, pid, verbose) < 0) {
		fprintf(2, "pgdump: no process %d\n", pid);
		return 1;
	}
	return 0;
}
