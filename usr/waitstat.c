/*
 * waitstat: ends a child in each way a process can end and prints the
 * status wait() reports for it (docs/abi.md exercise 3, docs/process.md
 * exercise 5).  A status is what the child passed to exit(), or -1 when
 * the kernel ended it: a kill, or a fault no handler could resolve.
 */
#include "lib/user.h"

/* Waits for pid and prints how it ended; returns its status. */
static int report(const char *how, int pid, int kill_tick)
{
	int status = 12345;
	if (wait(&status) != pid) {
		printf("%-36s wait failed\n", how);
		exit(1);
	}
	printf("%-36s status %d", how, status);
	if (kill_tick >= 0) {
		int ticks = uptime() - kill_tick;
		printf(", reaped %d tick%s after the kill", ticks, ticks == 1 ? "" : "s");
	}
	printf("\n");
	return status;
}

static int child(void)
{
	int pid = fork();
	if (pid < 0) {
		printf("waitstat: fork failed\n");
		exit(1);
	}
	return pid;
}

/* The child tells the parent, through a pipe, that it is about to do
 * what the kill should interrupt, so the kill never lands before. */
static int child_ready(int p[2])
{
	if (pipe(p) < 0) {
		printf("waitstat: pipe failed\n");
		exit(1);
	}
	return child();
}

static void wait_ready(int p[2])
{
	char c;
	close(p[1]);
	read(p[0], &c, 1);
	close(p[0]);
	sleep(1); /* let it get into the loop or the read */
}

static void signal_ready(int p[2])
{
	close(p[0]);
	write(p[1], "r", 1);
	close(p[1]);
}

static void ends_by_exit(int code, const char *how)
{
	int pid = child();
	if (pid == 0)
		exit(code);
	report(how, pid, -1);
}

static void killed_running(void)
{
	int p[2], pid = child_ready(p);
	if (pid == 0) {
		signal_ready(p);
		for (volatile int spin = 0;; spin++)
			;
	}
	wait_ready(p);
	int tick = uptime();
	kill(pid);
	report("kill() while it computes", pid, tick);
}

/* The child sleeps in the console driver until a line arrives; a kill
 * wakes it, its read returns -1, and it exits on its way out. */
static void killed_reading_console(void)
{
	int p[2], pid = child_ready(p);
	if (pid == 0) {
		char c;
		signal_ready(p);
		read(0, &c, 1);
		printf("waitstat: the console reader was not killed\n");
		exit(2);
	}
	wait_ready(p);
	int tick = uptime();
	kill(pid);
	report("kill() while it reads the console", pid, tick);
}

/* The kernel prints its one-line kill message (pid, scause 15, sepc,
 * stval) before the parent's line. */
static void killed_by_store(void)
{
	int pid = child();
	if (pid == 0) {
		*(volatile int *)(uint64_t)report = 0; /* text is read-only */
		exit(3);
	}
	report("a store to its own text", pid, -1);
}

int main(void)
{
	ends_by_exit(0, "exit(0)");
	ends_by_exit(7, "exit(7)");
	ends_by_exit(-1, "exit(-1)");
	killed_running();
	killed_reading_console();
	killed_by_store();
	return 0;
}
