/* The slow cases (skipped by -q): big directories, full disks, exec with
 * no memory left. */
#include "ut.h"

void bigdir(const char *s)
{
	enum { N = 500 };
	char name[4] = { 'x', 0, 0, 0 };
	unlink("bd");
	int fd = open("bd", O_CREATE);
	if (fd < 0)
		ut_fail(s, "bigdir create failed");
	close(fd);
	for (int i = 0; i < N; i++) {
		name[1] = (char)('0' + i / 64);
		name[2] = (char)('0' + i % 64);
		if (link("bd", name) != 0)
			ut_fail(s, "bigdir link(bd, %s) failed", name);
	}
	unlink("bd");
	for (int i = 0; i < N; i++) {
		name[1] = (char)('0' + i / 64);
		name[2] = (char)('0' + i % 64);
		if (unlink(name) != 0)
			ut_fail(s, "bigdir unlink failed");
	}
}

void manywrites(const char *s)
{
	enum { NCHILD = 4, ROUNDS = 30 };
	for (int ci = 0; ci < NCHILD; ci++) {
		int pid = fork();
		if (pid < 0)
			ut_fail(s, "fork failed");
		if (pid == 0) {
			char name[3] = { 'b', (char)('a' + ci), 0 };
			unlink(name);
			for (int iters = 0; iters < ROUNDS; iters++) {
				for (int i = 0; i < ci + 1; i++) {
					int fd = open(name, O_CREATE | O_RDWR);
					if (fd < 0)
						ut_fail(s, "cannot create %s", name);
					int n = write(fd, buf, BUFSZ);
					if (n != BUFSZ)
						ut_fail(s, "write(%d) ret %d", BUFSZ, n);
					close(fd);
				}
				unlink(name);
			}
			exit(0);
		}
	}
	for (int ci = 0; ci < NCHILD; ci++) {
		int status = ut_wait_status();
		if (status != 0)
			exit(status);
	}
}

/* Failed writes from a bad buffer must not leak blocks. */
void badwrite(const char *s)
{
	void *bad = (void *)0xffffffffffUL;
	unlink("junk");
	for (int i = 0; i < 600; i++) {
		int fd = open("junk", O_CREATE | O_WRONLY);
		if (fd < 0)
			ut_fail(s, "open junk failed");
		write(fd, bad, 1);
		close(fd);
		unlink("junk");
	}
	int fd = open("junk", O_CREATE | O_WRONLY);
	if (fd < 0)
		ut_fail(s, "open junk failed");
	if (write(fd, "x", 1) != 1)
		ut_fail(s, "write failed");
	close(fd);
	unlink("junk");
}

/* exec with (almost) no free memory: it may fail, but cleanly. */
void execout(const char *s)
{
	for (int avail = 0; avail < 15; avail++) {
		int pid = fork();
		if (pid < 0)
			ut_fail(s, "fork failed");
		if (pid == 0) {
			for (;;) {
				char *a = sbrk(PGSIZE);
				if (a == SBRK_ERROR)
					break;
				a[PGSIZE - 1] = 1;
			}
			for (int i = 0; i < avail; i++)
				sbrk(-(int)PGSIZE);
			close(1);
			char *args[] = { "echo", "x", 0 };
			exec("echo", args);
			exit(0);
		}
		wait(0);
	}
}

void diskfull(const char *s)
{
	int done = 0, fi;
	unlink("diskfulldir");
	for (fi = 0; !done && '0' + fi < 0177; fi++) {
		char name[4] = { 'b', 'i', 'g', (char)('0' + fi) };
		char path[5];
		memcpy(path, name, 4);
		path[4] = 0;
		unlink(path);
		int fd = open(path, O_CREATE | O_RDWR | O_TRUNC);
		if (fd < 0) {
			printf("%s: could not create file %s\n", s, path);
			done = 1;
			break;
		}
		for (int i = 0; i < MAXFILE; i++)
			if (write(fd, buf, BSIZE) != BSIZE) {
				done = 1;
				break;
			}
		close(fd);
	}
	/* The disk is full: directory growth must fail, cleanly. */
	int nzz = 128;
	for (int i = 0; i < nzz; i++) {
		char name[5] = { 'z', 'z', (char)('a' + i / 26),
				 (char)('a' + i % 26), 0 };
		unlink(name);
		int fd = open(name, O_CREATE | O_RDWR | O_TRUNC);
		if (fd < 0)
			break;
		close(fd);
	}
	if (mkdir("diskfulldir") == 0)
		printf("%s: mkdir(diskfulldir) unexpectedly succeeded!\n", s);
	unlink("diskfulldir");
	for (int i = 0; i < nzz; i++) {
		char name[5] = { 'z', 'z', (char)('a' + i / 26),
				 (char)('a' + i % 26), 0 };
		unlink(name);
	}
	for (int i = 0; '0' + i < 0177; i++) {
		char path[5] = { 'b', 'i', 'g', (char)('0' + i), 0 };
		unlink(path);
	}
}

void outofinodes(const char *s)
{
	enum { N = 1024 };
	(void)s;
	for (int i = 0; i < N; i++) {
		char name[5] = { 'z', 'z', (char)('a' + i / 32),
				 (char)('a' + i % 32), 0 };
		unlink(name);
		int fd = open(name, O_CREATE | O_RDWR | O_TRUNC);
		if (fd < 0)
			break; /* out of inodes, as intended */
		close(fd);
	}
	for (int i = 0; i < N; i++) {
		char name[5] = { 'z', 'z', (char)('a' + i / 32),
				 (char)('a' + i % 32), 0 };
		unlink(name);
	}
}
