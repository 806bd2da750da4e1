/* regress: the tracer. */
#include "regress.h"

/* 0 if every byte of name[0..size) after its NUL is 0 too. */
static int clean_after_nul(const char *name, int size)
{
	int i = 0;
	while (i < size && name[i])
		i++;
	for (; i < size; i++)
		if (name[i])
			return -1;
	return 0;
}

/* exec copied the new name over the old one and left the old one's
 * tail: "cat\0ess" after regress exec'd cat, and pgmap and the trace
 * events handed those bytes to user space.  The child execs cat, traced,
 * reading a pipe we hold, so it stays alive until we have looked. */
int name_padding(void)
{
	int go[2], hold[2];
	if (pipe(go) < 0 || pipe(hold) < 0)
		return -1;
	int pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		char c;
		close(go[1]);
		close(hold[1]);
		if (read(go[0], &c, 1) != 1)
			exit(1);
		close(0);
		dup(hold[0]);
		char *argv[] = { "cat", 0 };
		exec("cat", argv);
		exit(1);
	}
	close(go[0]);
	close(hold[0]);
	int bad = trace(pid, TRACE_SYSCALLS, 0) < 0;
	write(go[1], "g", 1);
	close(go[1]);
	struct pg_space sp;
	struct pg_run run;
	for (int t = 0; t < 100; t++) {
		memset(&sp, 0, sizeof sp);
		if (pgmap(pid, 0, &run, 1, &sp) >= 0 && strcmp(sp.name, "cat") == 0)
			break;
		sleep(1);
	}
	bad |= strcmp(sp.name, "cat") != 0;
	bad |= clean_after_nul(sp.name, sizeof sp.name);
	close(hold[1]); /* cat reads end-of-file and exits */
	struct trace_event ev[8];
	uint64_t lost;
	int n, seen = 0;
	while ((n = traceread(ev, 8, &lost)) > 0)
		for (int i = 0; i < n; i++)
			if (strcmp(ev[i].name, "cat") == 0) {
				seen = 1;
				bad |= clean_after_nul(ev[i].name, sizeof ev[i].name);
			}
	wait(0);
	return bad || !seen ? -1 : 0;
}

/* trace(pid) raced with the child's exit: exit left the trace session
 * before it became a zombie, and attach took any child that was not one
 * yet, so a session could count a tracee that had already left.  Its
 * tracer then slept in traceread for good, and its session was never
 * freed.  Tracers here attach to children that exit at once, after a
 * spin of varying length; each must read its trace to the end. */
#define RACE_TRACERS 3
#define RACE_ROUNDS 700
static void race_rounds(unsigned seed)
{
	for (int r = 0; r < RACE_ROUNDS; r++) {
		int child = fork();
		if (child < 0)
			exit(1);
		if (child == 0)
			exit(0);
		seed = seed * 1103515245 + 12345;
		for (volatile unsigned spin = (seed >> 16) % 3000; spin; spin--)
			;
		if (trace(child, TRACE_SYSCALLS, 0) == 0) {
			struct trace_event ev[8];
			uint64_t lost;
			while (traceread(ev, 8, &lost) > 0)
				;
		}
		wait(0);
	}
	exit(0);
}

int trace_exit_race(void)
{
	for (int i = 0; i < RACE_TRACERS; i++) {
		int pid = fork();
		if (pid < 0)
			return -1;
		if (pid == 0)
			race_rounds((unsigned)getpid());
	}
	int bad = 0;
	for (int i = 0; i < RACE_TRACERS; i++) {
		int status;
		wait(&status);
		bad |= status != 0;
	}
	/* Every session came back: a fresh tracer can still trace. */
	int child = fork();
	if (child == 0) {
		sleep(1);
		exit(0);
	}
	bad |= trace(child, TRACE_SYSCALLS, 0) != 0;
	wait(0);
	return bad ? -1 : 0;
}

/* How many times "cow-" occurs in what fd delivers until end of file. */
static uint64_t count_cow_words(int fd)
{
	static const char word[] = "cow-";
	char buf[512];
	uint64_t found = 0;
	int matched = 0, n;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		for (int i = 0; i < n; i++) {
			matched = buf[i] == word[matched] ? matched + 1
			          : buf[i] == word[0]    ? 1
						      : 0;
			if (matched == 4) {
				found++;
				matched = 0;
			}
		}
	return found;
}

/* trace lost most of a big run: its ring dropped what trace had not read
 * yet (18,373 events of cowtest three).  A traced process now waits for
 * room.  Every copy-on-write fault vmstat counts while `trace -f cowtest
 * three` runs must be a line of its output, but for the few the trace
 * child, trace and this process take before the exec (at most 8). */
int trace_every_fault(void)
{
	int fds[2];
	if (pipe(fds) < 0)
		return -1;
	struct vm_stats before, after;
	vmstat(&before);
	int pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		close(1);
		dup(fds[1]);
		close(2); /* trace's count too: no line in the middle of ours */
		dup(fds[1]);
		close(fds[0]);
		close(fds[1]);
		char *argv[] = { "trace", "-f", "cowtest", "three", 0 };
		exec("trace", argv);
		exit(1);
	}
	close(fds[1]);
	uint64_t lines = count_cow_words(fds[0]);
	close(fds[0]);
	int status = -1;
	wait(&status);
	vmstat(&after);
	uint64_t cow = after.cow_faults - before.cow_faults;
	return status == 0 && cow > 10000 && lines <= cow && lines + 8 >= cow
		       ? 0
		       : -1;
}
