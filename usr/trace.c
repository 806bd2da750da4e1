/*
 * trace [-s] [-f] [-o FILE] CMD ARGS: runs CMD and prints, to standard
 * output (or FILE, apart from CMD's own output), one line for each system
 * call (-s) and each page fault (-f) that CMD and the processes it forks
 * make; both without -s or -f.  For example
 *   7 cowtest read(3, 0x4000, 512) = 512
 *   7 cowtest store 0x8000 cow-copy frame 0x80104000 -> 0x80237000 refs 2 -> 1
 * The kernel keeps the events in a ring for trace to read; when trace
 * falls behind, events are dropped, never waited for, and the count is
 * printed at the end.  Exits with CMD's status.
 */
#include "lib/tracefmt.h"
#include "lib/user.h"

static void usage(void)
{
	fprintf(2, "usage: trace [-s] [-f] [-o file] command [args...]\n");
	exit(2);
}

/* The child waits until it is traced, then runs the command; its pid,
 * or -1 after saying why not. */
static int start(char **argv, int what, int out)
{
	int go[2];
	if (pipe(go) < 0) {
		fprintf(2, "trace: pipe failed\n");
		return -1;
	}
	int pid = fork();
	if (pid == 0) {
		char c;
		close(go[1]);
		if (read(go[0], &c, 1) != 1)
			exit(1); /* trace could not trace: run nothing */
		close(go[0]);
		if (out != 1)
			close(out);
		exec(argv[0], argv);
		fprintf(2, "trace: exec %s failed\n", argv[0]);
		exit(1);
	}
	close(go[0]);
	if (pid < 0) {
		fprintf(2, "trace: fork failed\n");
	} else if (trace(pid, what) < 0) {
		fprintf(2, "trace: cannot trace (too many tracers?)\n");
		close(go[1]); /* the child reads end-of-file and exits */
		wait(0);
		return -1;
	} else {
		write(go[1], "g", 1);
	}
	close(go[1]);
	return pid;
}

int main(int argc, char **argv)
{
	int what = 0, i = 1, out = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-s") == 0) {
			what |= TRACE_SYSCALLS;
		} else if (strcmp(argv[i], "-f") == 0) {
			what |= TRACE_FAULTS;
		} else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
			out = open(argv[++i], O_CREATE | O_TRUNC | O_WRONLY);
			if (out < 0) {
				fprintf(2, "trace: cannot open %s\n", argv[i]);
				return 1;
			}
		} else {
			usage();
		}
	}
	if (i == argc)
		usage();
	if (!what)
		what = TRACE_SYSCALLS | TRACE_FAULTS;
	int pid = start(argv + i, what, out);
	if (pid < 0)
		return 1;
	struct trace_event ev[8];
	uint64_t lost = 0;
	char line[200];
	int n;
	while ((n = traceread(ev, 8, &lost)) > 0)
		for (int k = 0; k < n; k++) {
			trace_format(line, sizeof line, &ev[k]);
			fprintf(out, "%s\n", line);
		}
	int status = -1, w;
	while ((w = wait(&status)) >= 0 && w != pid)
		;
	if (lost)
		fprintf(out, "trace: %lu events lost (trace fell behind)\n",
			lost);
	return status;
}
