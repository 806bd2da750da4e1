/*
 * tracetest: the kernel's tracer (trace and traceread, include/trace.h)
 * checked from user space, one case per promise it makes.  Each case
 * forks a child, traces it, lets it exec "tracetest -w WORK" (tracing
 * starts at that exec), reads every event and checks them.
 *
 *   tracetest [-k KEY] [NAME...]   every case, or those named
 *     calls     each system call once, in order, with its arguments and
 *               its result
 *     faults    a grandchild killed by a store to its text, another by
 *               a load from a page nobody mapped: outcome, access, page
 *               and process of each
 *     lossless  20,000 calls to a reader that dawdles: none lost
 *     filter    only the outcomes asked for (unmapped) are recorded
 *     release   a tracer that exits without reading must not leave its
 *               tracee waiting for room
 *
 * With -k each passed case prints a proof line for tools/grade
 * (usr/lib/proof.c).  Prints "ALL TRACE TESTS PASSED" when all pass.
 */
#include "lib/user.h"

#include "lib/fmt.h"

#define PAGE 4096
#define CALLS 20000
#define HOLE 0x2000000000UL /* 128 GiB: a page no test program maps */

static const char *key;
static struct trace_event ev[64];
static int nev;

static __attribute__((noreturn)) void fail(const char *name, const char *why)
{
	printf("%s: error: %s\n", name, why);
	exit(1);
}

/* --- the workloads, run in the traced child after its exec ----------- */

static void work_calls(void)
{
	int fd = open("/dev/null", O_WRONLY);
	write(fd, "hello", 5);
	close(99); /* no such file: -1 */
	getpid();
	close(fd);
	exit(7);
}

/* Faults every fork mode has, fork=copy too: the trace lab comes before
 * copy-on-write (docs/labs/trace.md).  Each grandchild is killed by its
 * fault, which the kernel reports on the console. */
static void work_faults(void)
{
	if (fork() == 0) {
		*(volatile char *)(uintptr_t)work_faults = 1; /* text: protection */
		exit(0);
	}
	wait(0);
	if (fork() == 0) {
		(void)*(volatile char *)HOLE; /* unmapped */
		exit(0);
	}
	wait(0);
	exit(0);
}

static void work_many(int fd)
{
	for (int i = 0; i < CALLS; i++)
		getpid();
	if (fd >= 0)
		write(fd, "d", 1);
	exit(0);
}

static void workload(char **argv)
{
	if (strcmp(argv[0], "calls") == 0)
		work_calls();
	if (strcmp(argv[0], "faults") == 0)
		work_faults();
	if (strcmp(argv[0], "many") == 0)
		work_many(argv[1] ? atoi(argv[1]) : -1);
	exit(2);
}

/* --- the tracer's side ---------------------------------------------- */

/* Forks a child that waits for the go-ahead and then runs the workload;
 * traces it.  The child's pid. */
static int traced_child(const char *name, const char *work, int what,
			const struct trace_filter *filter, const char *arg)
{
	int go[2];
	if (pipe(go) < 0)
		fail(name, "pipe failed");
	int pid = fork();
	if (pid < 0)
		fail(name, "fork failed");
	if (pid == 0) {
		char c;
		close(go[1]);
		if (read(go[0], &c, 1) != 1)
			exit(1);
		close(go[0]);
		char *argv[] = { "tracetest", "-w", (char *)work, (char *)arg, 0 };
		exec("tracetest", argv);
		exit(1);
	}
	close(go[0]);
	if (trace(pid, what, filter) < 0)
		fail(name, "trace() refused our own child");
	write(go[1], "g", 1);
	close(go[1]);
	return pid;
}

/* Reads every event into ev[] (the first 64), counting them all;
 * *lost is the kernel's count of events it could not keep. */
static int read_all(uint64_t *lost, int *getpids, int dawdle)
{
	struct trace_event batch[16];
	int n, total = 0;
	nev = 0;
	*getpids = 0;
	while ((n = traceread(batch, 16, lost)) > 0) {
		for (int i = 0; i < n; i++) {
			if (nev < 64)
				ev[nev++] = batch[i];
			*getpids += batch[i].kind == TRACE_SYSCALL &&
				    batch[i].number == 11;
		}
		total += n;
		if (dawdle && total % 2048 < 16)
			sleep(1); /* let the ring fill */
	}
	return total;
}

static int reap(int pid)
{
	int status = -100, w;
	while ((w = wait(&status)) >= 0 && w != pid)
		;
	return status;
}

/* The first syscall event at or after *from with this number. */
static const struct trace_event *next_call(int *from, int number)
{
	for (; *from < nev; (*from)++)
		if (ev[*from].kind == TRACE_SYSCALL && ev[*from].number == (uint32_t)number)
			return &ev[(*from)++];
	return 0;
}

static void calls(void)
{
	uint64_t lost;
	int getpids;
	int pid = traced_child("calls", "calls", TRACE_SYSCALLS, 0, 0);
	read_all(&lost, &getpids, 0);
	if (reap(pid) != 7)
		fail("calls", "the traced child did not exit with 7");
	int at = 0;
	const struct trace_event *o = next_call(&at, 15), *w = next_call(&at, 16),
				 *c = next_call(&at, 21), *g = next_call(&at, 11),
				 *c2 = next_call(&at, 21);
	if (!o || !w || !c || !g || !c2)
		fail("calls", "open, write, close, getpid, close: not all "
			      "recorded, or not in order");
	if (o->ret < 0 || w->args[0] != (uint64_t)o->ret || w->args[2] != 5 ||
	    w->ret != 5)
		fail("calls", "write(fd, buf, 5) = 5: wrong arguments or result");
	if (c->args[0] != 99 || c->ret != -1)
		fail("calls", "close(99) = -1: wrong argument or result");
	if (g->ret != pid || c2->ret != 0)
		fail("calls", "getpid() is not the child's pid, or close(fd) not 0");
	for (int i = 0; i < nev; i++)
		if (ev[i].pid != pid || strcmp(ev[i].name, "tracetest") != 0)
			fail("calls", "an event names another process");
}

/* The first fault with this outcome and access by a process other than
 * not_pid (0: any). */
static const struct trace_event *fault_with(int outcome, char access,
					    int not_pid)
{
	for (int i = 0; i < nev; i++)
		if (ev[i].kind == TRACE_FAULT && ev[i].outcome == outcome &&
		    ev[i].access == access && (!not_pid || ev[i].pid != not_pid))
			return &ev[i];
	return 0;
}

static void faults(void)
{
	uint64_t lost;
	int getpids;
	printf("faults: two kills follow, on purpose\n");
	int pid = traced_child("faults", "faults", TRACE_FAULTS, 0, 0);
	read_all(&lost, &getpids, 0);
	if (reap(pid) != 0)
		fail("faults", "the traced child failed");
	const struct trace_event *text = fault_with(FAULT_PROTECTION, 'w', pid);
	const struct trace_event *hole = fault_with(FAULT_UNMAPPED, 'r', pid);
	if (!text)
		fail("faults", "no protection fault recorded for the grandchild's "
			       "store to its text");
	if (!hole)
		fail("faults", "no unmapped fault recorded for the other "
			       "grandchild's load");
	/* The tracer records the page, not the byte. */
	if (text->va != ((uintptr_t)work_faults & ~(PAGE - 1UL)) ||
	    hole->va != HOLE)
		fail("faults", "a fault's address is wrong");
	if (text->pid == hole->pid)
		fail("faults", "the two grandchildren's faults name one process");
}

static void lossless(void)
{
	uint64_t lost = 0;
	int getpids;
	int pid = traced_child("lossless", "many", TRACE_SYSCALLS, 0, 0);
	read_all(&lost, &getpids, 1);
	reap(pid);
	printf("lossless: %d getpid calls seen, %lu lost\n", getpids, lost);
	if (lost || getpids != CALLS)
		fail("lossless", "events were lost");
}

static void filter(void)
{
	uint64_t lost;
	int getpids;
	struct trace_filter f = { .faults = 1u << FAULT_UNMAPPED };
	printf("filter: two kills follow, on purpose\n");
	int pid = traced_child("filter", "faults", TRACE_FAULTS, &f, 0);
	read_all(&lost, &getpids, 0);
	reap(pid);
	if (!fault_with(FAULT_UNMAPPED, 'r', 0))
		fail("filter", "the unmapped fault asked for was not recorded");
	for (int i = 0; i < nev; i++)
		if (ev[i].kind != TRACE_FAULT || ev[i].outcome != FAULT_UNMAPPED)
			fail("filter", "an event the filter leaves out was recorded");
}

/* A middle process traces the child and exits at once; the child fills
 * the ring many times over, then says so through a pipe. */
static void release(void)
{
	int done[2];
	char c, fd[12];
	if (pipe(done) < 0)
		fail("release", "pipe failed");
	int tracer = fork();
	if (tracer == 0) {
		close(done[0]);
		fmt_snprintf(fd, sizeof fd, "%d", done[1]);
		traced_child("release", "many", TRACE_SYSCALLS, 0, fd);
		exit(0); /* without reading a single event */
	}
	close(done[1]);
	wait(0);
	if (read(done[0], &c, 1) != 1)
		fail("release", "the traced child never finished");
	close(done[0]);
}

static const struct {
	const char *name;
	void (*run)(void);
} cases[] = {
	{ "calls", calls },	  { "faults", faults },	  { "lossless", lossless },
	{ "filter", filter }, { "release", release },
};
#define NCASES ((int)(sizeof cases / sizeof cases[0]))

static void run(int i)
{
	cases[i].run();
	printf("%s: ok\n", cases[i].name);
	proof_print(key, "tracetest", cases[i].name);
}

int main(int argc, char **argv)
{
	int first = 1;
	if (argc > 2 && strcmp(argv[1], "-w") == 0)
		workload(argv + 2);
	if (argc > 2 && strcmp(argv[1], "-k") == 0) {
		key = argv[2];
		first = 3;
	}
	if (first == argc) {
		for (int i = 0; i < NCASES; i++)
			run(i);
		printf("ALL TRACE TESTS PASSED\n");
		return 0;
	}
	for (int a = first; a < argc; a++) {
		int i = 0;
		while (i < NCASES && strcmp(cases[i].name, argv[a]) != 0)
			i++;
		if (i == NCASES) {
			fprintf(2, "tracetest: no case %s\n", argv[a]);
			return 2;
		}
		run(i);
	}
	return 0;
}
