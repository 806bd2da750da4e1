/*
 * sysfuzz: random system calls, to show that no program can panic, hang or
 * corrupt the kernel (docs/testing.md).
 *
 *   sysfuzz [-n CALLS] [-s SEED] [-w WORKERS]    (defaults 100000, 1, 3)
 *
 * The work is done in rounds: WORKERS children each make BATCH calls with
 * numbers and arguments drawn from "interesting" values (0, -1, edges,
 * the worker's own text, heap and stack, unmapped, kernel and top-of-space
 * addresses, huge lengths), in a scratch directory.  A worker may block
 * for good (reading a pipe it also writes, sleeping long), so a watchdog
 * child ends every round after WATCHDOG_MS by killing whatever is still
 * running; that too is something the kernel must survive.  The parent
 * makes no random call: it never exits early, powers off or kills init.
 * Every refcheck() a worker makes must come back clean.
 */
#include "lib/user.h"

#define BATCH 500
#define WATCHDOG_MS 200
#define BATCH_DONE 55 /* a worker's exit status: made all BATCH calls */
#define REFS_WRONG 77 /* ... or a refcheck() found a wrong count */

/* xorshift64*: a fixed sequence per seed, so a run can be repeated. */
static uint64_t rng;

static uint64_t next(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717ULL;
}

static uint64_t pick(const uint64_t *v, int n)
{
	return v[next() % (uint64_t)n];
}
#define PICK(a) pick(a, (int)(sizeof(a) / sizeof((a)[0])))

static long raw_syscall(uint64_t num, uint64_t a0, uint64_t a1, uint64_t a2)
{
	register uint64_t r0 __asm__("a0") = a0;
	register uint64_t r1 __asm__("a1") = a1;
	register uint64_t r2 __asm__("a2") = a2;
	register uint64_t r7 __asm__("a7") = num;
	__asm__ volatile("ecall" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r7) : "memory");
	return (long)r0;
}

static char heap_buf[8192];
static char *paths[16];

/* An address worth handing the kernel. */
static uint64_t any_pointer(void)
{
	/* The bottom of the stack page, far below the live frames at its
	 * top (a read there of more than ~3 KiB still reaches them, and
	 * then this worker goes astray until the watchdog ends it); just
	 * below it, the guard page. */
	uint64_t stack = (uint64_t)__builtin_frame_address(0) & ~4095UL;
	uint64_t brk = (uint64_t)sbrk(0);
	uint64_t own[] = {
		stack + 64, stack - 64, (uint64_t)heap_buf,
		(uint64_t)heap_buf + 8000, (uint64_t)&any_pointer, brk - 1, brk,
		brk - 4096,
	};
	static const uint64_t wild[] = {
		0, 1, 0x10000000, 0x80000000, 0xffffffc080000000,
		0x3fffffe000, 0x3ffffff000, 0x3ffffffff8, 0x4000000000,
		0x8000000000, ~0UL, 0xfffffffffffff000,
	};
	return next() % 3 ? PICK(own) : PICK(wild);
}

static uint64_t any_int(void)
{
	static const uint64_t v[] = {
		0, 1, 2, 3, 15, 16, 64, 512, 4096, 65536, (uint64_t)-1,
		(uint64_t)-4096, 0x7fffffff, 0x80000000, 0xffffffff,
		0x100000001, 1UL << 30, ~0UL >> 1,
	};
	return next() % 4 ? PICK(v) : next() % 64;
}

static uint64_t any_fd(void)
{
	static const uint64_t v[] = { (uint64_t)-1, 16, 100, 0x80000000 };
	return next() % 8 ? next() % 16 : PICK(v);
}

static uint64_t any_path(void)
{
	return next() % 4 ? (uint64_t)paths[next() % 16] : any_pointer();
}

/* argv arrays: empty, too long (no terminator in 32 slots), bad slots. */
static uint64_t any_argv(void)
{
	static uint64_t argv[40];
	int n = (int)(next() % 40);
	for (int i = 0; i < 40; i++)
		argv[i] = i < n ? any_path() : 0;
	return next() % 4 ? (uint64_t)argv : any_pointer();
}

/* The arguments of system call num. */
static void arguments(uint64_t num, uint64_t a[3])
{
	a[0] = any_int(), a[1] = any_int(), a[2] = any_int();
	switch (num) {
	case 3: case 4: case 101: /* wait, pipe, vmstat */
		a[0] = any_pointer();
		break;
	case 5: case 16: /* read, write */
		a[0] = any_fd(), a[1] = any_pointer();
		break;
	case 6: { /* kill: never init (refused anyway), never the parent */
		static const uint64_t v[] = { 0, (uint64_t)-1, 1, 99999 };
		a[0] = next() % 128 ? PICK(v) : (uint64_t)getpid();
		break;
	}
	case 12: /* sbrk: mostly growth; a shrink may take the worker's own
		  * stack or text, and then it dies at its next instruction */
		a[0] = next() % 8 ? next() % 8192 : any_int();
		break;
	case 7: /* exec */
		a[0] = any_path(), a[1] = any_argv();
		break;
	case 8: /* fstat */
		a[0] = any_fd(), a[1] = any_pointer();
		break;
	case 9: case 18: case 20: /* chdir, unlink, mkdir */
		a[0] = any_path();
		break;
	case 10: case 21: /* dup, close */
		a[0] = any_fd();
		break;
	case 13: /* pause: mostly 0 ticks (a batch of 500 calls would
		  * otherwise sleep for seconds), sometimes 1, rarely any */
		a[0] = next() % 64 ? 0 : next() % 16 ? 1 : any_int();
		break;
	case 15: /* open */
		a[0] = any_path();
		break;
	case 17: /* mknod: any device but the console, whose reads wait for
		  * typing and whose writes would fill the log */
		a[0] = any_path();
		if ((a[1] & 0xffff) == 1) /* major is a short */
			a[1] = 2;
		break;
	case 19: /* link */
		a[0] = any_path(), a[1] = any_path();
		break;
	}
}

/* Valid numbers, ours but poweroff (100); exit only rarely, or batches
 * would end after a few dozen calls; now and then a number no kernel
 * knows. */
static uint64_t any_number(void)
{
	static const uint64_t valid[] = {
		1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
		18, 19, 20, 21, 101, 102, 103, 104, 105, 106, 107, 108,
	};
	static const uint64_t invalid[] = {
		0, 22, 99, 109, 1000, (uint64_t)-1, 0x100000001, 0x8000000000000015,
	};
	uint64_t r = next() % 4096;
	return r == 0 ? 2 : r < 17 ? PICK(invalid) : PICK(valid);
}

static void worker(uint64_t seed)
{
	rng = seed * 0x9e3779b97f4a7c15ULL + 1;
	close(0), close(1), close(2); /* no console: files get fds 0..2 */
	for (int i = 0; i < BATCH; i++) {
		uint64_t num = any_number(), a[3];
		arguments(num, a);
		long r = raw_syscall(num, a[0], a[1], a[2]);
		if ((num == 1 || num == 108) && r == 0)
			exit(0); /* a forked copy of this worker (fork, forksnap) */
		if (num == 103 && r != 0)
			exit(REFS_WRONG);
		if (num == 4 && r == 0 && next() % 16) {
			/* A new pipe: usually keep only one end, or it is a
			 * matter of time until a read waits for ourselves. */
			int *fds = (int *)a[0]; /* the kernel just wrote it */
			close(fds[next() % 2]);
		}
	}
	exit(BATCH_DONE);
}

static int spawn(uint64_t seed)
{
	int pid = fork();
	if (pid == 0)
		worker(seed);
	return pid;
}

static int wrong, stopped, finished;

/* One round: `workers` workers, ended by the watchdog if they block. */
static void round_of(int workers, uint64_t seed)
{
	int pids[8], live = 0, status;
	for (int w = 0; w < workers; w++)
		if ((pids[w] = spawn(seed + (uint64_t)w)) > 0)
			live++;
	int dog = fork();
	if (dog == 0) {
		sleep(ms_to_ticks(WATCHDOG_MS));
		exit(0);
	}
	while (live > 0) {
		int pid = wait(&status);
		if (pid < 0)
			break;
		if (pid == dog) {
			for (int w = 0; w < workers; w++)
				if (pids[w] > 0 && kill(pids[w]) == 0)
					stopped++;
			dog = 0;
			continue;
		}
		for (int w = 0; w < workers; w++)
			if (pids[w] == pid) {
				pids[w] = 0;
				live--;
				wrong += status == REFS_WRONG;
				finished += status == BATCH_DONE;
			}
	}
	if (dog > 0) {
		kill(dog);
		while (wait(0) != dog)
			;
	}
}

static void make_paths(void)
{
	static char long_name[200];
	static char *fixed[] = {
		"a", "b", "d", "d/a", "d/..", ".", "..", "", "/", "a/b",
		"README", "12345678901234", "123456789012345", "d/d/d", "nosuch",
	};
	memset(long_name, 'x', sizeof long_name - 1);
	for (int i = 0; i < 15; i++)
		paths[i] = fixed[i];
	paths[15] = long_name;
}

int main(int argc, char **argv)
{
	long calls = 100000;
	uint64_t seed = 1;
	int workers = 3;
	const char *key = 0; /* -k: tools/grade's key, for a proof line */
	for (int i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "-n") == 0)
			calls = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "-s") == 0)
			seed = (uint64_t)atoi(argv[i + 1]);
		else if (strcmp(argv[i], "-w") == 0)
			workers = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "-k") == 0)
			key = argv[i + 1];
	}
	if (workers < 1 || workers > 8 || calls < 1) {
		fprintf(2, "usage: sysfuzz [-n CALLS] [-s SEED] [-w 1..8] [-k KEY]\n");
		return 2;
	}
	make_paths();
	mkdir("fuzz");
	if (chdir("fuzz") < 0) {
		fprintf(2, "sysfuzz: cannot enter the scratch directory\n");
		return 1;
	}
	int rounds = (int)((calls + (long)workers * BATCH - 1) / ((long)workers * BATCH));
	for (int r = 0; r < rounds; r++)
		round_of(workers, seed * 1000003 + (uint64_t)r * 8);
	/* A worker that exec'd, exited, faulted or was stopped made fewer
	 * than BATCH calls; only finished batches are counted as calls. */
	printf("sysfuzz: seed %lu, %d workers: %ld calls in finished batches, "
	       "%d batches ended early (%d by the watchdog); reference counts "
	       "%s\n", seed, rounds * workers, (long)finished * BATCH,
	       rounds * workers - finished, stopped, wrong ? "WRONG" : "ok");
	if (!wrong)
		proof_print(key, "sysfuzz", "run");
	return wrong ? 1 : 0;
}
