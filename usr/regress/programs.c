/* regress: defects of our own programs, usertests and grep. */
#include "regress.h"

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
int usertests_orphan(void)
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

/* grep printed nothing for a last line that had no newline: a file
 * ending "xyz" with no '\n' after it must still match. */
int grep_last_line(void)
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
