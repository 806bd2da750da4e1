/*
 * regress: one case per kernel defect that a user program could reach,
 * each failing on the kernel that had the defect (docs/testing.md).
 *
 *   regress           every case
 *   regress NAME...   just those cases
 *   regress -t ...    also one TAP line per case (for meson)
 *   regress -k KEY ...  a proof line after each passed case (tools/grade)
 *
 * A case returns 0 when the kernel behaved; a hang or a panic is caught
 * by the harness around the boot.
 */
#include "lib/user.h"

#define PAGE 4096

static int tap, ncase;
static const char *key;

/* kill(1) used to mark init killed, and init's exit panics the kernel. */
static int kill_init(void)
{
	return kill(1) == -1 ? 0 : -1;
}

/* struct stat has 4 bytes of padding at offset 12, which fstat copied out
 * straight from the kernel stack.  A failing open() with a long path
 * first leaves the path's bytes on that stack. */
static int stat_padding(void)
{
	char path[120];
	memset(path, 'p', sizeof path - 1);
	path[sizeof path - 1] = 0;
	int fd = open("README", O_RDONLY);
	if (fd < 0)
		return -1;
	int bad = 0;
	for (int i = 0; i < 50 && !bad; i++) {
		struct stat st;
		memset(&st, 0xee, sizeof st);
		open(path, O_RDONLY);
		if (fstat(fd, &st) < 0)
			bad = 1;
		const unsigned char *b = (const unsigned char *)&st;
		for (int k = 12; k < 16; k++)
			bad |= b[k] != 0;
	}
	close(fd);
	return bad ? -1 : 0;
}

/* Several processes in refcheck() at once froze every hart: a checker
 * that yielded while another held the world resumed on another hart and
 * then waited for its old hart, which never went idle. */
#define REF_PROCS 6
#define REF_CALLS 5000
static int refcheck_race(void)
{
	for (int i = 0; i < REF_PROCS; i++) {
		int pid = fork();
		if (pid < 0)
			return -1;
		if (pid == 0) {
			for (int n = 0; n < REF_CALLS; n++)
				if (refcheck() != 0)
					exit(1);
			exit(0);
		}
	}
	int bad = 0, status;
	for (int i = 0; i < REF_PROCS; i++)
		if (wait(&status) < 0 || status != 0)
			bad = 1;
	return bad ? -1 : 0;
}

/* One huge console write() held its hart for the whole transfer and
 * ignored a kill until the end (83 ticks for a few MiB).  Now the writer
 * sleeps while the output ring is full and stops at the next chunk once
 * killed.  The child writes for good, so it is always still writing when
 * the kill comes however fast the console drains (a single 256 KiB write
 * once finished inside the parent's one-tick sleep).  From the parent's
 * sleep(1) to the reaped child: at most three ticks (the sleep, the kill
 * being noticed, the exit), or 300 ms with a tick faster than 10 Hz; a
 * write that ignored the kill would keep the child for the rest of its
 * 8 MiB, seconds. */
#define CONSOLE_BYTES (8 * 1024 * 1024)
static int console_kill(void)
{
	char *buf = sbrk(CONSOLE_BYTES);
	if (buf == SBRK_ERROR)
		return -1;
	memset(buf, ' ', CONSOLE_BYTES);
	int pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		for (;;)
			write(1, buf, CONSOLE_BYTES);
	}
	int start = uptime(), status = 0;
	sleep(1); /* on one hart, the writer must let us run to do this */
	kill(pid);
	wait(&status);
	int ticks = uptime() - start;
	sbrk(-CONSOLE_BYTES);
	printf("[killed writer gone after %d ticks] ", ticks);
	int limit = ms_to_ticks(300) > 3 ? ms_to_ticks(300) : 3;
	return ticks <= limit && status == -1 ? 0 : -1;
}

/* A console write larger than the output ring must complete: a writer
 * that found the ring full once went to sleep just after the pump that
 * would have woken it, and slept for good. */
static int console_big_write(void)
{
	static char line[3000]; /* no newline: "ok" must follow on this line,
				 * or the TAP harness reads it as a result */
	memset(line, '-', sizeof line);
	return write(1, line, sizeof line) == sizeof line ? 0 : -1;
}

static uint64_t free_frames(void)
{
	struct vm_stats st;
	vmstat(&st);
	return st.frames_free;
}

/* Reads fd until what was read contains want; 0 if it ends first. */
static int read_until(int fd, const char *want)
{
	char seen[256];
	int n = 0, len = (int)strlen(want);
	while (n < (int)sizeof seen && read(fd, seen + n, 1) == 1) {
		n++;
		if (n >= len && memcmp(seen + n - len, want, len) == 0)
			return 1;
	}
	return 0;
}

/* usertests' killstatus, itself killed midway (for lack of memory), left
 * the child it was about to kill spinning for good.  Now the usertests
 * runner kills whatever a case leaves running.  Here the case process is
 * killed by hand: its spinner must go too, and every frame come back. */
static int usertests_orphan(void)
{
	uint64_t before = free_frames();
	int fds[2];
	if (pipe(fds) < 0)
		return -1;
	int runner = fork();
	if (runner < 0)
		return -1;
	if (runner == 0) {
		close(1);
		dup(fds[1]);
		close(fds[0]);
		close(fds[1]);
		char *argv[] = { "usertests", "killstatus", 0 };
		exec("usertests", argv);
		exit(1);
	}
	close(fds[1]);
	int started = read_until(fds[0], "test killstatus: ");
	/* The case forks a spinner, then sleeps a tick, 100 times over:
	 * two ticks in, it has a spinner and most of its rounds to go. */
	sleep(2);
	/* The case is the runner's first child, and nothing else forks
	 * meanwhile, so its pid is the runner's plus one. */
	int killed = started && kill(runner + 1) == 0;
	wait(0); /* its few report lines fit in the pipe */
	close(fds[0]);
	/* A killed spinner exits at its next trap; init reaps it. */
	for (int t = 0; t < 50 && free_frames() < before; t++)
		sleep(ms_to_ticks(100));
	return killed && free_frames() >= before ? 0 : -1;
}

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
static int name_padding(void)
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

static int trace_exit_race(void)
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
static int trace_every_fault(void)
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

/* vmstat's sums did not hold under load: a fault on another hart was
 * counted between two counters of one snapshot, and the table line
 * promised a sum it could not keep.  Three workers fork, write and exit
 * in a loop while 20 snapshots are checked. */
#define SUM_WORKERS 3
#define SUM_SNAPSHOTS 20
static void sum_worker(void)
{
	char *p = sbrk(16 * PAGE);
	for (;;) {
		for (int i = 0; i < 16; i++)
			p[i * PAGE] = (char)i;
		int pid = fork();
		if (pid == 0) {
			for (int i = 0; i < 16; i++)
				p[i * PAGE] = 1;
			exit(0);
		}
		if (pid > 0)
			wait(0);
	}
}

static int vmstat_sums(void)
{
	int workers[SUM_WORKERS], bad = 0;
	for (int i = 0; i < SUM_WORKERS; i++)
		if ((workers[i] = fork()) == 0)
			sum_worker();
	for (int k = 0; k < SUM_SNAPSHOTS; k++) {
		struct vm_stats s;
		sleep(1);
		vmstat(&s);
		bad |= s.cow_faults !=
		       s.cow_copies + s.cow_reuses + s.cow_zero_fills;
		bad |= s.table_shares != s.table_leaves + s.table_extra_holders;
	}
	for (int i = 0; i < SUM_WORKERS; i++)
		if (workers[i] > 0)
			kill(workers[i]);
	for (int i = 0; i < SUM_WORKERS; i++)
		wait(0);
	return bad ? -1 : 0;
}

/* Does s hold w? */
static int contains(const char *s, const char *w)
{
	int n = strlen(w);
	for (; *s; s++)
		if (strncmp(s, w, n) == 0)
			return 1;
	return 0;
}

/* "pid N (regress)" into buf (32 bytes). */
static void pid_label(char *buf, int pid)
{
	char digits[12];
	int n = 0;
	do
		digits[n++] = (char)('0' + pid % 10);
	while ((pid /= 10) > 0);
	strcpy(buf, "pid ");
	int len = 4;
	while (n > 0)
		buf[len++] = digits[--n];
	buf[len] = 0;
	strcpy(buf + len, " (regress)");
}

/* vmstat -v must name both holders of a frame fork shared: we and a
 * child that sleeps on, not yet having written anything. */
static int vmstat_lists_holders(void)
{
	int child = fork();
	if (child < 0)
		return -1;
	if (child == 0) {
		sleep(1000);
		exit(0);
	}
	int fds[2];
	if (pipe(fds) < 0)
		return -1;
	int pid = fork();
	if (pid == 0) {
		close(1);
		dup(fds[1]);
		close(fds[0]);
		close(fds[1]);
		char *argv[] = { "vmstat", "-v", 0 };
		exec("vmstat", argv);
		exit(1);
	}
	close(fds[1]);
	static char out[4096]; /* the user stack is one page */
	char me[32], them[32];
	int n = 0, got;
	while (n < (int)sizeof out - 1 &&
	       (got = read(fds[0], out + n, sizeof out - 1 - n)) > 0)
		n += got;
	out[n] = 0;
	close(fds[0]);
	wait(0);
	kill(child);
	wait(0);
	/* Both of us on one line: one frame, two holders. */
	pid_label(me, getpid());
	pid_label(them, child);
	for (char *line = out; line && *line;) {
		char *end = strchr(line, '\n');
		if (end)
			*end = 0;
		if (contains(line, me) && contains(line, them))
			return 0;
		line = end ? end + 1 : 0;
	}
	return -1;
}

/* grep printed nothing for a last line that had no newline: a file
 * ending "xyz" with no '\n' after it must still match. */
static int grep_last_line(void)
{
	static const char text[] = "abc\nxyz";
	int fd = open("regress-grep", O_CREATE | O_TRUNC | O_WRONLY);
	if (fd < 0 || write(fd, text, sizeof text - 1) != sizeof text - 1)
		return -1;
	close(fd);
	int out[2];
	if (pipe(out) < 0)
		return -1;
	int pid = fork();
	if (pid == 0) {
		close(1);
		dup(out[1]);
		close(out[0]);
		close(out[1]);
		char *argv[] = { "grep", "y", "regress-grep", 0 };
		exec("grep", argv);
		exit(1);
	}
	close(out[1]);
	char got[16] = { 0 };
	int n = 0, r;
	while (n < (int)sizeof got - 1 &&
	       (r = read(out[0], got + n, sizeof got - 1 - n)) > 0)
		n += r;
	close(out[0]);
	wait(0);
	unlink("regress-grep");
	return strcmp(got, "xyz\n") == 0 ? 0 : -1;
}

static const struct {
	const char *name;
	int (*run)(void);
} cases[] = {
	{ "kill_init", kill_init },
	{ "stat_padding", stat_padding },
	{ "refcheck_race", refcheck_race },
	{ "console_kill", console_kill },
	{ "console_big_write", console_big_write },
	{ "usertests_orphan", usertests_orphan },
	{ "name_padding", name_padding },
	{ "trace_exit_race", trace_exit_race },
	{ "trace_every_fault", trace_every_fault },
	{ "vmstat_sums", vmstat_sums },
	{ "vmstat_lists_holders", vmstat_lists_holders },
	{ "grep_last_line", grep_last_line },
};
#define NCASES ((int)(sizeof cases / sizeof cases[0]))

static int run_case(int i)
{
	printf("%s: ", cases[i].name);
	int ok = cases[i].run() == 0;
	printf("%s\n", ok ? "ok" : "FAILED");
	if (ok)
		proof_print(key, "regress", cases[i].name);
	ncase++;
	if (tap)
		printf("%s %d - %s\n", ok ? "ok" : "not ok", ncase, cases[i].name);
	return ok;
}

static int find_case(const char *name)
{
	for (int i = 0; i < NCASES; i++)
		if (strcmp(cases[i].name, name) == 0)
			return i;
	fprintf(2, "regress: no case %s\n", name);
	exit(2);
}

int main(int argc, char **argv)
{
	int failed = 0, first = proof_options(argc, argv, &tap, &key);
	if (first < 0)
		return 2;
	if (first < argc)
		for (int i = first; i < argc; i++)
			failed += !run_case(find_case(argv[i]));
	else
		for (int i = 0; i < NCASES; i++)
			failed += !run_case(i);
	if (tap)
		printf("1..%d\n", ncase);
	printf("%s\n", failed ? "SOME REGRESSION TESTS FAILED" : "ALL REGRESSION TESTS PASSED");
	return failed ? 1 : 0;
}
