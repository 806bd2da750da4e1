/* regress: vmstat's sums and holders. */
#include "regress.h"

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

int vmstat_sums(void)
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
int vmstat_lists_holders(void)
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
