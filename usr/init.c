/*
 * The first process.  It makes sure /console exists, opens it as fds 0, 1
 * and 2 (every process inherits them), then either
 *   - runs the shell, starting a new one whenever it exits, or
 *   - with an argument (the kernel's init.run=... boot option): runs each
 *     ','-separated command through `sh -c`, checks that no memory leaked
 *     and every frame reference count is right, and powers the machine off
 *     with status 0 only if every command and both checks succeeded.
 * Either way it reaps orphans, which the kernel hands to it.
 */
#include "lib/user.h"

/* Waits for pid, reaping any orphan that finishes first. */
static int wait_for(int pid)
{
	int status, w;
	while ((w = wait(&status)) >= 0)
		if (w == pid)
			return status;
	return -1;
}

static int run(char *cmd)
{
	char *argv[] = { "sh", "-c", cmd, 0 };
	int pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		exec("/sh", argv);
		fprintf(2, "init: exec sh failed\n");
		exit(1);
	}
	return wait_for(pid);
}

static uint64_t free_frames(void)
{
	struct vm_stats s;
	vmstat(&s);
	return s.frames_free;
}

static void run_commands(char *list)
{
	int failed = 0;
	uint64_t before = free_frames();
	for (char *cmd = list; cmd;) {
		char *next = strchr(cmd, ',');
		if (next)
			*next++ = 0;
		int status = run(cmd);
		if (status != 0) {
			printf("init: '%s' exited with status %d\n", cmd, status);
			failed = 1;
		}
		cmd = next;
	}
	while (wait(0) >= 0) /* background jobs still running */
		;
	uint64_t after = free_frames();
	int refs_bad = refcheck();
	printf("init: free frames %lu before, %lu after; reference counts %s\n",
	       before, after, refs_bad ? "WRONG" : "ok");
	poweroff(failed || refs_bad || after != before);
}

int main(int argc, char **argv)
{
	if (console_open_std() < 0)
		exit(1); /* the kernel reports init's death */
	/* Made here, like /console: a device is a file init creates. */
	mkdir("/dev");
	mknod("/dev/null", DEV_NULL, 0);
	if (argc > 1)
		run_commands(argv[1]);
	for (;;) {
		printf("init: starting sh\n");
		int pid = fork();
		if (pid < 0) {
			/* The table may be full of a user's processes.  init must
			 * not exit (the kernel cannot go on without it): wait for
			 * one of its own to end, or a moment if it has none. */
			printf("init: fork failed; trying again\n");
			if (wait(0) < 0)
				sleep(ms_to_ticks(100));
			continue;
		}
		if (pid == 0) {
			char *sh_argv[] = { "sh", 0 };
			exec("/sh", sh_argv);
			printf("init: exec sh failed\n");
			exit(1);
		}
		wait_for(pid);
	}
}
