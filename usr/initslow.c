/*
 * initslow: a stand-in first process for one boot test (tests/boot:
 * init-reaps-slowly), booted as `init=/initslow init.run="CMD"`.  It runs
 * CMD through the shell like init does, but reaps only one process per
 * REAP_EVERY_MS, the way init is when the host does not run its hart for
 * a while.  Orphans then pile up as zombies and fill the process table;
 * a fork that finds the table full of them must wait for a reaping, not
 * fail (proc/lifecycle.c).  Powers off with CMD's exit status.
 */
#include "lib/user.h"

#define REAP_EVERY_MS 30

int main(int argc, char **argv)
{
	if (console_open_std() < 0)
		poweroff(2);
	if (argc < 2) {
		printf("initslow: usage: init=/initslow init.run=CMD\n");
		poweroff(2);
	}
	char *sh_argv[] = { "sh", "-c", argv[1], 0 };
	int pid = fork();
	if (pid < 0) {
		printf("initslow: fork failed\n");
		poweroff(1);
	}
	if (pid == 0) {
		exec("/sh", sh_argv);
		printf("initslow: exec sh failed\n");
		exit(1);
	}
	int status, w;
	do {
		sleep(ms_to_ticks(REAP_EVERY_MS));
		w = wait(&status);
	} while (w >= 0 && w != pid);
	printf("initslow: '%s' exited with status %d\n", argv[1], status);
	poweroff(w == pid && status == 0 ? 0 : 1);
}
