/* Cases about user pointers handed to the kernel: copy-in, copy-out and
 * strings, against every kind of invalid address. */
#include "ut.h"

/* Kernel memory, xv6's trap frame and trampoline, MAXVA, all ones. */
static const uint64_t bad_addrs[] = {
	KERNBASE, TRAPFRAME, TRAMPOLINE, MAXVA, 0xffffffffffffffffUL,
};
#define NBAD ((int)(sizeof bad_addrs / sizeof bad_addrs[0]))

void copyin(const char *s)
{
	for (int i = 0; i < NBAD; i++) {
		void *a = (void *)bad_addrs[i];
		int fd = open("copyin1", O_CREATE | O_WRONLY);
		if (fd < 0)
			ut_fail(s, "open(copyin1) failed");
		int n = write(fd, a, 8192);
		if (n >= 0)
			ut_fail(s, "write(fd, %p, 8192) returned %d, not -1", a, n);
		close(fd);
		unlink("copyin1");
		n = write(1, a, 8192);
		if (n > 0)
			ut_fail(s, "write(1, %p, 8192) returned %d, not -1 or 0",
				a, n);
		int fds[2];
		if (pipe(fds) < 0)
			ut_fail(s, "pipe() failed");
		n = write(fds[1], a, 8192);
		if (n > 0)
			ut_fail(s, "write(pipe, %p, 8192) returned %d, not -1 or 0",
				a, n);
		close(fds[0]);
		close(fds[1]);
	}
}

void copyout(const char *s)
{
	/* 0 is our own text: readable, but the kernel must not write it. */
	uint64_t addrs[NBAD + 1] = { 0 };
	for (int i = 0; i < NBAD; i++)
		addrs[i + 1] = bad_addrs[i];
	for (int i = 0; i <= NBAD; i++) {
		void *a = (void *)addrs[i];
		int fd = open("README", O_RDONLY);
		if (fd < 0)
			ut_fail(s, "open(README) failed");
		int n = read(fd, a, 8192);
		if (n > 0)
			ut_fail(s, "read(fd, %p, 8192) returned %d, not -1 or 0",
				a, n);
		close(fd);
		int fds[2];
		if (pipe(fds) < 0)
			ut_fail(s, "pipe() failed");
		if (write(fds[1], "x", 1) != 1)
			ut_fail(s, "pipe write failed");
		n = read(fds[0], a, 8192);
		if (n > 0)
			ut_fail(s, "read(pipe, %p, 8192) returned %d, not -1 or 0",
				a, n);
		close(fds[0]);
		close(fds[1]);
	}
}

void copyinstr1(const char *s)
{
	for (int i = 0; i < NBAD; i++) {
		int fd = open((char *)bad_addrs[i], O_CREATE | O_WRONLY);
		if (fd >= 0)
			ut_fail(s, "open(%p) returned %d, not -1",
				(void *)bad_addrs[i], fd);
	}
}

static void exec_huge_args(const char *s)
{
	static char big[PGSIZE + 1];
	(void)s;
	memset(big, 'x', PGSIZE);
	big[PGSIZE] = 0;
	char *args[] = { big, big, big, 0 };
	int r = exec("echo", args);
	if (r == -1)
		exit(747); /* refused, as it must be */
	printf("exec(echo, BIG) returned %d, not -1\n", r);
	exit(1);
}

/* A path of MAXPATH characters (no room for the NUL) is refused, and so
 * are exec arguments of a page. */
void copyinstr2(const char *s)
{
	char b[MAXPATH + 1];
	memset(b, 'x', MAXPATH);
	b[MAXPATH] = 0;
	if (unlink(b) != -1)
		ut_fail(s, "unlink(long path) did not return -1");
	if (open(b, O_CREATE | O_WRONLY) != -1)
		ut_fail(s, "open(long path) did not return -1");
	if (link(b, b) != -1)
		ut_fail(s, "link(long path) did not return -1");
	char *args[] = { "xx", 0 };
	if (exec(b, args) != -1)
		ut_fail(s, "exec(long path) did not return -1");
	int status = ut_in_child(exec_huge_args, s);
	if (status != 747)
		ut_fail(s, "exit status %d, not 747", status);
}

/* A string running into the end of the heap has no NUL: refused. */
void copyinstr3(const char *s)
{
	sbrk(8192);
	uint64_t top = (uint64_t)sbrk(0);
	if (top % PGSIZE)
		sbrk((int)(PGSIZE - top % PGSIZE));
	top = (uint64_t)sbrk(0);
	if (top % PGSIZE)
		ut_fail(s, "oops");
	char *b = (char *)(top - 1);
	*b = 'x';
	if (unlink(b) != -1)
		ut_fail(s, "unlink(%s) returned not -1", b);
	if (open(b, O_CREATE | O_WRONLY) != -1)
		ut_fail(s, "open(%s) returned not -1", b);
	if (link(b, b) != -1)
		ut_fail(s, "link(%s, %s) returned not -1", b, b);
	char *args[] = { "xx", 0 };
	if (exec(b, args) != -1)
		ut_fail(s, "exec(%s) returned not -1", b);
}

/* Memory given back by sbrk is no longer the process's, for the kernel
 * either. */
void rwsbrk(const char *s)
{
	char *a = sbrk(8192);
	if (a == SBRK_ERROR)
		ut_fail(s, "sbrk(8192) failed");
	if (sbrk(-8192) == SBRK_ERROR)
		ut_fail(s, "sbrk(-8192) failed");
	int fd = open("rwsbrk", O_CREATE | O_WRONLY);
	if (fd < 0)
		ut_fail(s, "open(rwsbrk) failed");
	int n = write(fd, a + PGSIZE, 1024);
	if (n >= 0)
		ut_fail(s, "write(fd, %p, 1024) returned %d, not -1",
			a + PGSIZE, n);
	close(fd);
	unlink("rwsbrk");
	fd = open("README", O_RDONLY);
	if (fd < 0)
		ut_fail(s, "open(README) failed");
	n = read(fd, a + PGSIZE, 10);
	if (n >= 0)
		ut_fail(s, "read(fd, %p, 10) returned %d, not -1", a + PGSIZE, n);
	close(fd);
}

void validatetest(const char *s)
{
	for (uint64_t p = 0; p <= 1100 * 1024; p += PGSIZE)
		if (link("nosuchfile", (char *)p) != -1)
			ut_fail(s, "link should not succeed");
}

/* Pointers far beyond MAXVA must be refused before any page-table walk. */
void pgbug(const char *s)
{
	char *argv[1] = { 0 };
	char *p = (char *)0xeaeb0b5b00002f5eUL;
	if (exec(p, argv) != -1)
		ut_fail(s, "exec of a wild pointer did not fail");
	if (pipe((int *)p) != -1)
		ut_fail(s, "pipe into a wild pointer did not fail");
}

void badarg(const char *s)
{
	(void)s;
	for (int i = 0; i < 50000; i++) {
		char *argv[2] = { (char *)0xffffffffUL, 0 };
		exec("echo", argv);
	}
}

void argptest(const char *s)
{
	int fd = open("init", O_RDONLY);
	if (fd < 0)
		ut_fail(s, "open(init) failed");
	read(fd, sbrk(0) - 1, -1); /* must merely not crash or hang */
	close(fd);
}

/* 31 arguments that cannot fit in the one-page stack: exec must refuse
 * them and come back; if echo ran instead, bigarg-ok is never made. */
static void bigarg_child(const char *s)
{
	static char g1[221], g2[400];
	char *args[MAXARG];
	(void)s;
	memset(g1, 'x', sizeof g1 - 1);
	memcpy(g1, "bigargs test: failed\n", 21);
	memset(g2, ' ', sizeof g2 - 1);
	const char *variants[] = { g1, g2 };
	for (int v = 0; v < 2; v++) {
		for (int i = 0; i < MAXARG - 1; i++)
			args[i] = (char *)variants[v];
		args[MAXARG - 1] = 0;
		exec("echo", args);
	}
	int fd = open("bigarg-ok", O_CREATE);
	close(fd);
	exit(0);
}

void bigargtest(const char *s)
{
	unlink("bigarg-ok");
	int status = ut_in_child(bigarg_child, s);
	if (status != 0)
		exit(status);
	int fd = open("bigarg-ok", 0);
	if (fd < 0)
		ut_fail(s, "bigarg test failed!");
	close(fd);
}

/* Strings in lazily grown memory, sbrk's oversized shrink, and reads and
 * writes through addresses that are never user memory. */
void lazy_copy(const char *s)
{
	char *p = sbrk(0);
	sbrklazy(4 * PGSIZE);
	open(p + 8192, 0); /* an untouched lazy page: an empty path */
	char *xx = sbrk(0);
	char *r = sbrk(-(int)((uint64_t)xx + 1));
	if (r != xx)
		ut_fail(s, "sbrk(sbrk(0)+1) returned %p, not old sz", r);
	static const uint64_t addrs[] = {
		0x3fffffc000UL, 0x3fffffd000UL, TRAPFRAME, TRAMPOLINE, MAXVA,
		0x8000000000UL,
	};
	for (int i = 0; i < (int)(sizeof addrs / sizeof addrs[0]); i++) {
		char *b = (char *)addrs[i];
		int fd = open("README", 0);
		if (fd < 0)
			ut_fail(s, "cannot open README");
		if (read(fd, b, 512) >= 0)
			ut_fail(s, "read into %p succeeded", b);
		close(fd);
		fd = open("junk", O_CREATE | O_RDWR | O_TRUNC);
		if (fd < 0)
			ut_fail(s, "cannot open junk");
		if (write(fd, b, 512) >= 0)
			ut_fail(s, "write from %p succeeded", b);
		close(fd);
	}
}

/* A path that starts in a populated page and ends in a lazy one. */
void lazy_copyinstr(const char *s)
{
	uint64_t brk = (uint64_t)sbrk(0);
	if (brk % PGSIZE)
		sbrk((int)(PGSIZE - brk % PGSIZE));
	char *p = sbrk(0);
	if ((uint64_t)p % PGSIZE)
		ut_fail(s, "sbrk did not align");
	sbrklazy(2 * PGSIZE);
	p[PGSIZE - 1] = '/';
	int fd = open(&p[PGSIZE - 1], O_RDONLY);
	if (fd < 0)
		ut_fail(s, "could not open /");
	struct stat st;
	if (fstat(fd, &st) < 0 || st.type != T_DIR)
		ut_fail(s, "/ is not a directory");
	close(fd);
}
