/* Cases about memory: sbrk in both modes, exhaustion, lazy growth. */
#include "ut.h"

/* Allocates until malloc fails, frees it all, then needs 20 KiB again. */
static void eat_memory(const char *s)
{
	void *list = 0, *m;
	while ((m = malloc(10001))) {
		*(void **)m = list;
		list = m;
	}
	while (list) {
		m = *(void **)list;
		free(list);
		list = m;
	}
	m = malloc(1024 * 20);
	if (!m)
		ut_fail(s, "couldn't allocate mem?!!");
	free(m);
}

void mem(const char *s)
{
	int status = ut_in_child(eat_memory, s);
	if (status == -1)
		exit(0); /* killed while out of memory: acceptable */
	exit(status);
}

static void sbrk_a_gigabyte(const char *s)
{
	(void)s;
	char *a = sbrk(1024 * 1024 * 1024);
	if (a == SBRK_ERROR)
		exit(0); /* as it must on this machine */
	for (char *b = a; b < a + 1024 * 1024 * 1024; b += PGSIZE)
		*b = 99;
	exit(1); /* 1 GiB of real memory? */
}

void sbrkbasic(const char *s)
{
	if (ut_in_child(sbrk_a_gigabyte, s) == 1)
		ut_fail(s, "too much memory allocated!");
	char *a = sbrk(0);
	for (int i = 0; i < 5000; i++) {
		char *b = sbrk(1);
		if (b != a)
			ut_fail(s, "sbrk test failed %d %p %p", i, a, b);
		*b = 1;
		a = b + 1;
	}
	int pid = fork();
	if (pid < 0)
		ut_fail(s, "sbrk test fork failed");
	char *c = sbrk(1);
	c = sbrk(1);
	if (c != a + 1)
		ut_fail(s, "sbrk test failed post-fork");
	if (pid == 0)
		exit(0);
	exit(ut_wait_status());
}

void sbrkmuch(const char *s)
{
	char *oldbrk = sbrk(0);
	char *a = sbrk(0);
	uint64_t amt = BIG - (uint64_t)a;
	char *p = sbrk((int)amt);
	if (p != a)
		ut_fail(s, "sbrk test failed to grow big address space; enough "
			   "phys mem?");
	for (char *pp = a; pp < (char *)BIG; pp += PGSIZE)
		*pp = 1;
	char *lastaddr = (char *)(BIG - 1);
	*lastaddr = 99;
	a = sbrk(0);
	char *c = sbrk(-(int)PGSIZE);
	if (c == SBRK_ERROR)
		ut_fail(s, "sbrk could not deallocate");
	c = sbrk(0);
	if (c != a - PGSIZE)
		ut_fail(s, "sbrk deallocation produced wrong address, a %p c %p",
			a, c);
	a = sbrk(0);
	c = sbrk(PGSIZE);
	if (c != a || sbrk(0) != a + PGSIZE)
		ut_fail(s, "sbrk re-allocation failed, a %p c %p", a, c);
	if (*lastaddr == 99)
		ut_fail(s, "sbrk de-allocation didn't really deallocate");
	a = sbrk(0);
	c = sbrk(-(int)(sbrk(0) - oldbrk));
	if (c != a)
		ut_fail(s, "sbrk downsize failed, a %p c %p", a, c);
}

static void grow_to_big_and_wait(int report)
{
	char *p = sbrk((int)(BIG - (uint64_t)sbrk(0)));
	char ok = p != SBRK_ERROR;
	write(report, &ok, 1);
	for (;;)
		sleep(1000); /* until killed */
}

/* Eager growth past what exists must fail and keep nothing; memory above
 * the break must stay unreachable. */
static void huge_sbrk_child(const char *s)
{
	char *a = sbrk(0);
	if (sbrk(10 * BIG) != SBRK_ERROR)
		ut_fail(s, "allocate a lot of memory succeeded");
	/* Nothing was mapped above the old break: the first touch kills. */
	for (int i = 0; i < 10 * BIG; i += PGSIZE)
		(void)*(volatile char *)(a + i);
	ut_fail(s, "reading above the break succeeded");
}

void sbrkfail(const char *s)
{
	ut_expect_kills("children touch memory sbrk could not give");
	enum { NCHILD = 10 };
	int fds[2], pids[NCHILD], failed = 0;
	if (pipe(fds) != 0)
		ut_fail(s, "pipe() failed");
	for (int i = 0; i < NCHILD; i++) {
		if ((pids[i] = ut_fork_tracked()) == 0)
			grow_to_big_and_wait(fds[1]);
		char ok = 0;
		if (pids[i] != -1)
			read(fds[0], &ok, 1);
		failed += !ok;
	}
	char *c = sbrk(PGSIZE);
	for (int i = 0; i < NCHILD; i++) {
		if (pids[i] == -1)
			continue;
		kill(pids[i]);
		wait(0);
	}
	if (c == SBRK_ERROR)
		ut_fail(s, "failed sbrk leaked memory");
	if (failed == 0)
		printf("%s: no allocation failed; allocate more?\n", s);
	close(fds[0]);
	close(fds[1]);
	int status = ut_in_child(huge_sbrk_child, s);
	if (status != -1)
		ut_fail(s, "child status %d, should have been killed", status);
}

void sbrkarg(const char *s)
{
	char *a = sbrk(PGSIZE);
	int fd = open("sbrk", O_CREATE | O_WRONLY);
	unlink("sbrk");
	if (fd < 0)
		ut_fail(s, "open sbrk failed");
	if (write(fd, a, PGSIZE) < 0)
		ut_fail(s, "write sbrk failed");
	close(fd);
	a = sbrk(PGSIZE);
	if (pipe((int *)a) != 0)
		ut_fail(s, "pipe() failed");
}

static void shrink_to_nothing(const char *s)
{
	(void)s;
	sbrk(-(int)(uint64_t)sbrk(0));
	exit(0); /* never reached: the code is gone */
}

static void shrink_into_first_page(const char *s)
{
	(void)s;
	sbrk(-(int)((uint64_t)sbrk(0) - 3500));
	exit(0);
}

static void shrink_a_little(const char *s)
{
	(void)s;
	sbrk((int)(10 * PGSIZE + 2048 - (uint64_t)sbrk(0)));
	sbrk(-10);
	exit(0);
}

/* None of these may panic the kernel, whatever becomes of the child. */
void sbrkbugs(const char *s)
{
	ut_expect_kills("children run with their memory shrunk away");
	ut_in_child(shrink_to_nothing, s);
	ut_in_child(shrink_into_first_page, s);
	ut_in_child(shrink_a_little, s);
}

void sbrklast(const char *s)
{
	uint64_t top = (uint64_t)sbrk(0);
	if (top % PGSIZE)
		sbrk((int)(PGSIZE - top % PGSIZE));
	sbrk(PGSIZE);
	sbrk(10);
	sbrk(-20);
	top = (uint64_t)sbrk(0);
	char *p = (char *)(top - 64);
	p[0] = 'x';
	p[1] = 0;
	int fd = open(p, O_RDWR | O_CREATE);
	write(fd, p, 1);
	close(fd);
	fd = open(p, O_RDWR);
	p[0] = 0;
	read(fd, p, 1);
	if (p[0] != 'x')
		ut_fail(s, "read back %d, not x", p[0]);
}

void sbrk8000(const char *s)
{
	(void)s;
	sbrk((int)0x80000004U); /* a huge shrink: must do nothing */
	volatile char *top = sbrk(0);
	*(top - 1) = *(top - 1) + 1;
}

/* 1 GiB of lazy memory; every 64th page touched. */
void lazy_alloc(const char *s)
{
	const uint64_t size = 1024UL * 1024 * 1024;
	char *prev = sbrklazy(0);
	if (sbrklazy((int)size) == SBRK_ERROR)
		ut_fail(s, "sbrklazy() failed");
	for (char *p = prev + PGSIZE; p < prev + size; p += 64 * PGSIZE)
		*(char **)p = p;
	for (char *p = prev + PGSIZE; p < prev + size; p += 64 * PGSIZE)
		if (*(char **)p != p)
			ut_fail(s, "failed to read value from memory");
}

/* Forks of a sparse lazy region; shrinking it away makes it unreachable. */
void lazy_unmap(const char *s)
{
	ut_expect_kills("children store to heap given back");
	const uint64_t size = 1024UL * 1024 * 1024;
	char *prev = sbrklazy(0);
	if (sbrklazy((int)size) == SBRK_ERROR)
		ut_fail(s, "sbrklazy() failed");
	for (char *p = prev + PGSIZE; p < prev + size; p += 4096 * PGSIZE)
		*(char **)p = p;
	for (char *p = prev + PGSIZE; p < prev + size; p += 4096 * PGSIZE) {
		int pid = fork();
		if (pid < 0)
			ut_fail(s, "fork failed");
		if (pid == 0) {
			sbrklazy(-(int)size);
			*(char **)p = p;
			exit(0);
		}
		if (ut_wait_status() == 0)
			ut_fail(s, "memory not unmapped");
	}
}

/* The break can reach xv6's TRAPFRAME exactly, and no further. */
void lazy_sbrk(const char *s)
{
	const uint64_t gib = 1UL << 30;
	uint64_t p = (uint64_t)sbrk(0);
	while (p < MAXVA - gib) {
		if (sbrklazy((int)gib) == SBRK_ERROR)
			ut_fail(s, "sbrklazy(%d) failed", (int)gib);
		p = (uint64_t)sbrk(0);
	}
	uint64_t n = TRAPFRAME - PGSIZE - p;
	char *r = sbrklazy((int)n);
	if ((uint64_t)r != p)
		ut_fail(s, "sbrklazy(%lu) returned %p, not %p", n, r, (void *)p);
	char *q = sbrk(PGSIZE);
	if ((uint64_t)q != TRAPFRAME - PGSIZE)
		ut_fail(s, "sbrk(PGSIZE) returned %p, not %p", q,
			(void *)(TRAPFRAME - PGSIZE));
	q[0] = 1;
	if (q[1] != 0)
		ut_fail(s, "new page is not zero");
	if (sbrk(1) != SBRK_ERROR)
		ut_fail(s, "sbrk(1) past TRAPFRAME succeeded");
	if (sbrklazy(1) != SBRK_ERROR)
		ut_fail(s, "sbrklazy(1) past TRAPFRAME succeeded");
}
