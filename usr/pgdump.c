/*
 * pgdump: shows this process's own page table (system call 102).  It
 * first forks, so that the listing has something to show: the pages
 * shared copy-on-write with the child, a page written after the fork
 * (private again), and a lazily grown page that was only read (the
 * shared zero frame).  With -n it just dumps.
 */
#include "lib/user.h"

static volatile char data[3 * USER_PAGE_SIZE] = { 1 };

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "-n") == 0)
		return pgdump();
	char *lazy = sbrklazy(USER_PAGE_SIZE);
	volatile char sink = lazy[0]; /* a load: maps the zero frame */
	(void)sink;
	int pid = fork();
	if (pid < 0) {
		fprintf(2, "pgdump: fork failed\n");
		return 1;
	}
	if (pid == 0) {
		pause(5); /* keep the pages shared while the parent dumps */
		exit(0);
	}
	data[0] = 2; /* a COW break: this page becomes private */
	pgdump();
	kill(pid);
	wait(0);
	return 0;
}
