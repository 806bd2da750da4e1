/*
 * trace [-s] [-f] [--explain] [-o FILE] [-p PID] [-a VA[-VA]]
 * [-e OUTCOME,...] CMD ARGS: runs CMD and prints, to standard output (or FILE, apart from
 * CMD's own output), one line for each system call (-s) and each page
 * fault (-f) that CMD and the processes it forks make; both without -s
 * or -f.  The kernel keeps only what the filters ask for: process PID and
 * those it forks (-p), faults on those pages (-a, inclusive), faults with
 * those outcomes (-e, names from include/fault.h).  For example
 *   7 cowtest read(3, 0x4000, 512) = 512
 *   7 cowtest store 0x8000 cow-copy frame 0x80104000 -> 0x80237000 refs 2 -> 1
 * With --explain, a sentence under each fault and table change says
 * what the kernel did and why, with that event's numbers
 * (lib/traceexplain.c).  Tracing starts when the child execs CMD.  The kernel keeps the events
 * in a ring for trace to read; a traced process that finds it full waits
 * for trace, so nothing is lost (but for faults the kernel takes under a
 * lock, which cannot wait: counted).  At the end trace says on standard
 * error how many events it saw, of which kind, and how many it lost or
 * could not write (when the disk fills up).  Exits with CMD's status.
 */
#include "lib/traceexplain.h"
#include "lib/tracefmt.h"
#include "lib/user.h"

enum { TRACE_LINE = 200, TRACE_SENTENCE = 400 };

static void usage(void)
{
	fprintf(2, "usage: trace [-s] [-f] [--explain] [-o file] [-p pid] "
		   "[-a va[-va]] "
		   "[-e outcome,...] command [args...]\n");
	exit(2);
}

/* A number in hex (0x...) or decimal; *end gets where it stopped. */
static uint64_t number(const char *s, const char **end)
{
	uint64_t v = 0;
	int base = 10;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (;; s++) {
		int d = *s >= '0' && *s <= '9'   ? *s - '0'
			: *s >= 'a' && *s <= 'f' ? *s - 'a' + 10
			: *s >= 'A' && *s <= 'F' ? *s - 'A' + 10
						 : 99;
		if (d >= base)
			break;
		v = v * (uint64_t)base + (uint64_t)d;
	}
	*end = s;
	return v;
}

/* -a VA or VA-VA: the pages from the first up to the last, inclusive. */
static int parse_range(const char *s, struct trace_filter *f)
{
	const char *end;
	f->va_lo = number(s, &end) & ~0xfffUL;
	uint64_t last = f->va_lo;
	if (*end == '-')
		last = number(end + 1, &end);
	f->va_hi = (last & ~0xfffUL) + 0x1000;
	return *end || f->va_hi <= f->va_lo ? -1 : 0;
}

/* -e cow-copy,cow-reuse: the fault outcomes to keep. */
static int parse_outcomes(const char *s, struct trace_filter *f)
{
	while (*s) {
		const char *comma = strchr(s, ',');
		size_t len = comma ? (size_t)(comma - s) : strlen(s);
		int o = trace_outcome_named(s, len);
		if (o < 0)
			return -1;
		f->faults |= 1u << o;
		s += len + (comma != 0);
	}
	return 0;
}

/* The child waits until it is traced, then runs the command; its pid,
 * or -1 after saying why not. */
static int start(char **argv, int what, int out,
		 const struct trace_filter *filter)
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
	} else if (trace(pid, what, filter) < 0) {
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
	int what = 0, i = 1, out = 1, explain = 0;
	struct trace_filter filter = { 0 };
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-s") == 0) {
			what |= TRACE_SYSCALLS;
		} else if (strcmp(argv[i], "-f") == 0) {
			what |= TRACE_FAULTS;
		} else if (strcmp(argv[i], "--explain") == 0) {
			explain = 1;
		} else if (strcmp(argv[i], "-p") == 0 && i + 1 < argc) {
			filter.pid = atoi(argv[++i]);
		} else if (strcmp(argv[i], "-a") == 0 && i + 1 < argc) {
			if (parse_range(argv[++i], &filter) < 0)
				usage();
		} else if (strcmp(argv[i], "-e") == 0 && i + 1 < argc) {
			if (parse_outcomes(argv[++i], &filter) < 0) {
				fprintf(2, "trace: outcomes are those of "
					   "include/fault.h, e.g. cow-copy\n");
				return 2;
			}
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
	int pid = start(argv + i, what, out, &filter);
	if (pid < 0)
		return 1;
	struct trace_event ev[8];
	uint64_t lost = 0, faults = 0, tables = 0, calls = 0, unwritten = 0;
	/* An event's line, then its sentence, sent in one write. */
	char line[TRACE_LINE + TRACE_SENTENCE];
	int n;
	while ((n = traceread(ev, 8, &lost)) > 0)
		for (int k = 0; k < n; k++) {
			int len = trace_format(line, TRACE_LINE, &ev[k]);
			line[len++] = '\n';
			int why = explain ? trace_explain(line + len,
							  sizeof line - len - 1,
							  &ev[k])
					  : 0;
			if (why) {
				len += why;
				line[len++] = '\n';
			}
			faults += ev[k].kind == TRACE_FAULT;
			tables += ev[k].kind == TRACE_TABLE;
			calls += ev[k].kind == TRACE_SYSCALL;
			/* One write an event: the console keeps it whole. */
			if (write(out, line, len) != len)
				unwritten++;
		}
	int status = -1, w;
	while ((w = wait(&status)) >= 0 && w != pid)
		;
	fprintf(2, "trace: %lu events (%lu faults, %lu table changes, %lu "
		"system calls), %lu lost, %lu not written\n",
		faults + tables + calls, faults, tables, calls, lost, unwritten);
	return status;
}
