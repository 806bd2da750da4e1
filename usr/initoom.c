/*
 * initoom: a stand-in first process for one boot test (tests/boot:
 * init-out-of-memory), booted as `init=/initoom failfault=1`.  Its first
 * page fault is answered "out of memory".  The kernel must make the first
 * process wait and retry (docs/cow.md), not kill it: a dead init would
 * take the machine down.  It forks, stores to a page its child still
 * shares, and powers off with status 0 if it lived through that.
 */
#include "lib/user.h"

/* A page of its own in .bss: copy-on-write once the child exists. */
static char page[4096] __attribute__((aligned(4096)));

int main(void)
{
	if (console_open_std() < 0)
		poweroff(2);
	int pid = fork();
	if (pid < 0) {
		printf("initoom: fork failed\n");
		poweroff(1);
	}
	if (pid == 0) {
		sleep(2); /* still sharing the page while the parent stores */
		exit(0);
	}
	*(volatile char *)page = 1;
	printf("initoom: the store after fork went through\n");
	int status = -1;
	wait(&status);
	poweroff(status == 0 && page[0] == 1 ? 0 : 1);
}
