/* Cases about processes: exec, pipes, kill, exit/wait, faults that kill. */
#include "ut.h"

static void exec_echo_ok(const char *s)
{
	int err = dup(1); /* where to complain once fd 1 is the file */
	close(1);
	int fd = open("echo-ok", O_CREATE | O_WRONLY);
	if (fd != 1) {
		fprintf(err, "%s: wrong fd %d from open, wanted 1\n", s, fd);
		exit(1);
	}
	char *args[] = { "echo", "OK", 0 };
	exec("echo", args);
	fprintf(err, "%s: exec echo failed\n", s);
	exit(1);
}

void exectest(const char *s)
{
	unlink("echo-ok");
	int pid = fork();
	if (pid < 0)
		ut_fail(s, "fork failed");
	if (pid == 0)
		exec_echo_ok(s);
	int status;
	if (wait(&status) != pid)
		ut_fail(s, "wait failed!");
	if (status != 0)
		ut_fail(s, "nonzero wait status %d", status);
	int fd = open("echo-ok", O_RDONLY);
	if (fd < 0)
		ut_fail(s, "open failed");
	if (read(fd, buf, 2) != 2)
		ut_fail(s, "read failed");
	close(fd);
	unlink("echo-ok");
	if (buf[0] != 'O' || buf[1] != 'K')
		ut_fail(s, "wrong output");
}

/* 5 x 1033 bytes through a 512-byte pipe, read back in growing chunks. */
void pipe1(const char *s)
{
	enum { N = 5, SZ = 1033 };
	int fds[2], seq = 0;
	if (pipe(fds) != 0)
		ut_fail(s, "pipe() failed");
	int pid = fork();
	if (pid < 0)
		ut_fail(s, "fork() failed");
	if (pid == 0) {
		close(fds[0]);
		for (int n = 0; n < N; n++) {
			for (int i = 0; i < SZ; i++)
				buf[i] = (char)seq++;
			if (write(fds[1], buf, SZ) != SZ)
				ut_fail(s, "pipe1 oops 1");
		}
		exit(0);
	}
	close(fds[1]);
	int total = 0, cc = 1, n;
	while ((n = read(fds[0], buf, cc)) > 0) {
		for (int i = 0; i < n; i++)
			if ((buf[i] & 0xff) != (seq++ & 0xff))
				ut_fail(s, "pipe1 oops 2");
		total += n;
		cc = cc * 2 > BUFSZ ? BUFSZ : cc * 2;
	}
	if (total != N * SZ)
		ut_fail(s, "pipe1 oops 3 total %d", total);
	close(fds[0]);
	exit(ut_wait_status());
}

void killstatus(const char *s)
{
	for (int i = 0; i < 100; i++) {
		int pid = ut_fork_tracked();
		if (pid < 0)
			ut_fail(s, "fork failed");
		if (pid == 0)
			for (;;)
				getpid();
		sleep(1);
		kill(pid);
		int status = ut_wait_status();
		if (status != -1)
			ut_fail(s, "status should be -1, was %d", status);
	}
}

static void spin_forever(void)
{
	for (;;)
		__asm__ volatile("");
}

/* Two children spin in user mode; a third must still run, and so must we. */
void preempt(const char *s)
{
	int pid1 = ut_fork_tracked();
	if (pid1 < 0)
		ut_fail(s, "fork failed");
	if (pid1 == 0)
		spin_forever();
	int pid2 = ut_fork_tracked();
	if (pid2 < 0)
		ut_fail(s, "fork failed");
	if (pid2 == 0)
		spin_forever();
	int fds[2];
	pipe(fds);
	int pid3 = ut_fork_tracked();
	if (pid3 < 0)
		ut_fail(s, "fork failed");
	if (pid3 == 0) {
		close(fds[0]);
		if (write(fds[1], "x", 1) != 1)
			printf("%s: preempt write error", s);
		close(fds[1]);
		spin_forever();
	}
	close(fds[1]);
	if (read(fds[0], buf, sizeof buf) != 1)
		ut_fail(s, "preempt read error");
	close(fds[0]);
	printf("kill... ");
	kill(pid1);
	kill(pid2);
	kill(pid3);
	printf("wait... ");
	wait(0);
	wait(0);
	wait(0);
}

void exitwait(const char *s)
{
	for (int i = 0; i < 100; i++) {
		int pid = fork();
		if (pid < 0)
			ut_fail(s, "fork failed");
		if (pid == 0)
			exit(i);
		int status;
		if (wait(&status) != pid)
			ut_fail(s, "wait wrong pid");
		if (status != i)
			ut_fail(s, "wait wrong exit status %d, wanted %d", status,
				i);
	}
}

void reparent(const char *s)
{
	int master = getpid();
	for (int i = 0; i < 200; i++) {
		int pid = fork();
		if (pid < 0)
			ut_fail(s, "fork failed");
		if (pid) {
			if (wait(0) != pid)
				ut_fail(s, "wait wrong pid");
		} else {
			int pid2 = fork();
			if (pid2 < 0) {
				kill(master);
				exit(1);
			}
			exit(0);
		}
	}
}

void twochildren(const char *s)
{
	for (int i = 0; i < 1000; i++) {
		for (int k = 0; k < 2; k++) {
			int pid = fork();
			if (pid < 0)
				ut_fail(s, "fork failed");
			if (pid == 0)
				exit(0);
		}
		wait(0);
		wait(0);
	}
}

void forkfork(const char *s)
{
	for (int i = 0; i < 2; i++) {
		int pid = fork();
		if (pid < 0)
			ut_fail(s, "fork failed");
		if (pid == 0) {
			for (int j = 0; j < 200; j++) {
				int pid1 = fork();
				if (pid1 < 0)
					exit(1);
				if (pid1 == 0)
					exit(0);
				wait(0);
			}
			exit(0);
		}
	}
	for (int i = 0; i < 2; i++)
		if (ut_wait_status() != 0)
			ut_fail(s, "fork in child failed");
}

/* Fill the process table, then make every process stop. */
void forkforkfork(const char *s)
{
	unlink("stopforking");
	int pid = ut_fork_tracked();
	if (pid < 0)
		ut_fail(s, "fork failed");
	if (pid == 0) {
		for (;;) {
			int fd = open("stopforking", 0);
			if (fd >= 0)
				exit(0);
			if (ut_fork_tracked() < 0)
				close(open("stopforking", O_CREATE | O_RDWR));
		}
	}
	sleep(20);
	close(open("stopforking", O_CREATE | O_RDWR));
	wait(0);
	sleep(10);
}

void reparent2(const char *s)
{
	for (int i = 0; i < 800; i++) {
		int pid = fork();
		if (pid < 0)
			ut_fail(s, "fork failed");
		if (pid == 0) {
			fork();
			fork();
			exit(0);
		}
		wait(0);
	}
}

void forktest(const char *s)
{
	enum { N = 1000 };
	int n;
	for (n = 0; n < N; n++) {
		int pid = fork();
		if (pid < 0)
			break;
		if (pid == 0)
			exit(0);
	}
	if (n == 0)
		ut_fail(s, "no fork at all!");
	if (n == N)
		ut_fail(s, "fork claimed to work 1000 times!");
	for (; n > 0; n--)
		if (wait(0) < 0)
			ut_fail(s, "wait stopped early");
	if (wait(0) != -1)
		ut_fail(s, "wait got too many");
}

/* Forks a child that touches address a (a store if write), which must be
 * killed with exactly status -1 (any non-zero status if !exact). */
static void must_be_killed(const char *s, uint64_t a, int write, int exact)
{
	int pid = fork();
	if (pid < 0)
		ut_fail(s, "fork failed");
	if (pid == 0) {
		volatile char *p = (volatile char *)a;
		if (write)
			*p = 99;
		else
			printf("%s: read %p = %d, should have faulted\n", s,
			       (void *)a, *p);
		exit(0);
	}
	int status = ut_wait_status();
	if (exact ? status != -1 : status == 0)
		ut_fail(s, "access to %p: exit status %d, not killed", (void *)a,
			status);
}

void kernmem(const char *s)
{
	ut_expect_kills("children load kernel addresses");
	for (uint64_t a = KERNBASE; a < KERNBASE + 2000000; a += 50000)
		must_be_killed(s, a, 0, 1);
}

void MAXVAplus(const char *s)
{
	ut_expect_kills("children store above MAXVA");
	for (uint64_t a = MAXVA; a != 0; a <<= 1)
		must_be_killed(s, a, 1, 1);
}

void textwrite(const char *s)
{
	ut_expect_kills("the child stores to text");
	must_be_killed(s, 0, 1, 1);
}

void nowrite(const char *s)
{
	ut_expect_kills("children store where nothing is writable");
	static const uint64_t addrs[] = {
		0, KERNBASE, TRAPFRAME, TRAMPOLINE, MAXVA, 0xffffffffffffffffUL,
	};
	for (int i = 0; i < (int)(sizeof addrs / sizeof addrs[0]); i++)
		must_be_killed(s, addrs[i], 1, 0);
}

/* One page below the stack pointer, a few frames deep: the guard page. */
static __attribute__((noinline)) void probe_below_stack(void)
{
	char *sp;
	__asm__ volatile("mv %0, sp" : "=r"(sp));
	sp -= USER_STACK_PAGES * PGSIZE;
	printf("stacktest: read below stack %d\n", *(volatile char *)sp);
}

void stacktest(const char *s)
{
	ut_expect_kills("the child reads below its stack");
	int pid = fork();
	if (pid < 0)
		ut_fail(s, "fork failed");
	if (pid == 0) {
		probe_below_stack();
		exit(1);
	}
	int status = ut_wait_status();
	if (status != -1)
		exit(status);
}

static char uninit[10000];

void bsstest(const char *s)
{
	for (int i = 0; i < (int)sizeof uninit; i++)
		if (uninit[i] != 0)
			ut_fail(s, "bss test failed");
}
