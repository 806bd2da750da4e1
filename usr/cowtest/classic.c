/* The classic cowtest cases (docs/testing.md lists them), in their
 * order and with their output. */
#include "cowtest.h"

void simple(void)
{
	uint64_t sz = (RAM_BYTES / 3) * 2;
	printf("simple: ");
	char *p = sbrk((int)sz);
	if (p == SBRK_ERROR) {
		printf("sbrk(%lu) failed\n", sz);
		exit(-1);
	}
	for (char *q = p; q < p + sz; q += PAGE)
		*(int *)q = getpid();
	int pid = fork();
	if (pid < 0)
		fail("fork() failed");
	if (pid == 0)
		exit(0);
	wait(0);
	if (sbrk(-(int)sz) == SBRK_ERROR) {
		printf("sbrk(-%lu) failed\n", sz);
		exit(-1);
	}
	pass("simple");
}

void three(void)
{
	uint64_t sz = RAM_BYTES / 4;
	printf("three: ");
	char *p = sbrk((int)sz);
	if (p == SBRK_ERROR) {
		printf("sbrk(%lu) failed\n", sz);
		exit(-1);
	}
	int pid1 = fork();
	if (pid1 < 0)
		fail("fork failed");
	if (pid1 == 0) {
		int pid2 = fork();
		if (pid2 < 0)
			fail("fork failed");
		if (pid2 == 0) {
			uint64_t n = (sz / 5) * 4;
			fill(p, n, getpid());
			if (!holds(p, n, getpid()))
				fail("wrong content");
			exit(-1); /* nobody waits for it: init reaps it */
		}
		fill(p, sz / 2, 9999);
		exit(0);
	}
	fill(p, sz, getpid());
	wait(0);
	sleep(1);
	if (!holds(p, sz, getpid()))
		fail("wrong content");
	if (sbrk(-(int)sz) == SBRK_ERROR) {
		printf("sbrk(-%lu) failed\n", sz);
		exit(-1);
	}
	pass("three");
}

/* Neighbours on both sides, so buf shares its pages with nothing else. */
static char before_buf[PAGE], buf[PAGE], after_buf[PAGE];
static int fds[2];

void file(void)
{
	printf("file: ");
	buf[0] = 99;
	for (int i = 0; i < 4; i++) {
		if (pipe(fds) != 0)
			fail("pipe() failed");
		int pid = fork();
		if (pid < 0)
			fail("fork failed");
		if (pid == 0) {
			sleep(1);
			if (read(fds[0], buf, sizeof(i)) != sizeof(i)) {
				printf("error: read failed\n");
				exit(1);
			}
			sleep(1);
			if (*(int *)buf != i) {
				printf("error: read the wrong value\n");
				exit(1);
			}
			exit(0);
		}
		if (write(fds[1], &i, sizeof(i)) != sizeof(i))
			fail("error: write failed");
	}
	for (int i = 0; i < 4; i++) {
		int status;
		wait(&status);
		if (status != 0)
			exit(1);
	}
	if (buf[0] != 99)
		fail("error: child overwrote parent");
	(void)before_buf;
	(void)after_buf;
	pass("file");
}

void forkfork(void)
{
	const int pages = 256;
	printf("forkfork: ");
	char *p = sbrk(pages * (int)PAGE);
	if (p == SBRK_ERROR)
		fail("sbrk failed");
	memset(p, 27, (size_t)pages * PAGE);
	for (int round = 0; round < 100; round++) {
		for (int c = 0; c < 3; c++) {
			int pid = fork();
			if (pid < 0)
				fail("fork failed");
			if (pid == 0) {
				sleep(2);
				fork();
				fork();
				exit(0);
			}
		}
		for (int c = 0; c < 3; c++)
			wait(0);
	}
	sleep(5);
	for (int i = 0; i < pages; i++)
		if (p[i * PAGE] != 27)
			fail("error: parent's memory was modified!");
	sbrk(-pages * (int)PAGE);
	pass("forkfork");
}

