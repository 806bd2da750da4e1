/* Cases about files: offsets, truncation, links, concurrent writers. */
#include "ut.h"

void truncate1(const char *s)
{
	char b[32];
	unlink("truncfile");
	int fd1 = ut_open(s, "truncfile", O_CREATE | O_WRONLY | O_TRUNC);
	ut_write(s, fd1, "abcd", 4);
	close(fd1);
	int fd2 = ut_open(s, "truncfile", O_RDONLY);
	int n = read(fd2, b, sizeof b);
	if (n != 4)
		ut_fail(s, "read %d bytes, wanted 4", n);
	fd1 = ut_open(s, "truncfile", O_WRONLY | O_TRUNC);
	int fd3 = ut_open(s, "truncfile", O_RDONLY);
	if ((n = read(fd3, b, sizeof b)) != 0)
		ut_fail(s, "read %d bytes from a truncated file, wanted 0", n);
	if ((n = read(fd2, b, sizeof b)) != 0)
		ut_fail(s, "read %d bytes past the end, wanted 0", n);
	ut_write(s, fd1, "abcdef", 6);
	if ((n = read(fd3, b, sizeof b)) != 6)
		ut_fail(s, "read %d bytes, wanted 6", n);
	if ((n = read(fd2, b, sizeof b)) != 2)
		ut_fail(s, "read %d bytes at offset 4, wanted 2", n);
	unlink("truncfile");
	close(fd1);
	close(fd2);
	close(fd3);
}

/* Writing past the end (after another descriptor truncated the file)
 * would leave a hole: refused. */
void truncate2(const char *s)
{
	unlink("truncfile");
	int fd1 = ut_open(s, "truncfile", O_CREATE | O_TRUNC | O_WRONLY);
	ut_write(s, fd1, "abcd", 4);
	int fd2 = ut_open(s, "truncfile", O_TRUNC | O_WRONLY);
	int n = write(fd1, "x", 1);
	if (n != -1)
		ut_fail(s, "write returned %d, expected -1", n);
	unlink("truncfile");
	close(fd1);
	close(fd2);
}

void truncate3(const char *s)
{
	close(ut_open(s, "truncfile", O_CREATE | O_TRUNC | O_WRONLY));
	int pid = fork();
	if (pid < 0)
		ut_fail(s, "fork failed");
	if (pid == 0) {
		for (int i = 0; i < 100; i++) {
			char b[32];
			int fd = ut_open(s, "truncfile", O_WRONLY);
			ut_write(s, fd, "1234567890", 10);
			close(fd);
			fd = ut_open(s, "truncfile", O_RDONLY);
			read(fd, b, sizeof b);
			close(fd);
		}
		exit(0);
	}
	for (int i = 0; i < 150; i++) {
		int fd = ut_open(s, "truncfile",
				      O_CREATE | O_WRONLY | O_TRUNC);
		ut_write(s, fd, "xxx", 3);
		close(fd);
	}
	int status = ut_wait_status();
	unlink("truncfile");
	exit(status);
}

/* A failed open of a directory for writing must drop its reference, so
 * the parent's unlink succeeds. */
void openiput(const char *s)
{
	if (mkdir("oidir") < 0)
		ut_fail(s, "mkdir oidir failed");
	int pid = fork();
	if (pid < 0)
		ut_fail(s, "fork failed");
	if (pid == 0) {
		int fd = open("oidir", O_RDWR);
		if (fd >= 0)
			ut_fail(s, "open directory for write succeeded");
		exit(0);
	}
	sleep(1);
	if (unlink("oidir") != 0)
		ut_fail(s, "unlink failed");
	exit(ut_wait_status());
}

static void remove_own_cwd(const char *s)
{
	if (mkdir("iputdir") < 0)
		ut_fail(s, "mkdir failed");
	if (chdir("iputdir") < 0)
		ut_fail(s, "child chdir failed");
	if (unlink("../iputdir") < 0)
		ut_fail(s, "unlink ../iputdir failed");
}

void exitiput(const char *s)
{
	exit(ut_in_child(remove_own_cwd, s)); /* exit drops the removed cwd */
}

void iput(const char *s)
{
	remove_own_cwd(s);
	if (chdir("/") < 0)
		ut_fail(s, "chdir / failed");
}

void opentest(const char *s)
{
	close(ut_open(s, "echo", 0));
	if (open("doesnotexist", 0) >= 0)
		ut_fail(s, "open doesnotexist succeeded!");
}

void writetest(const char *s)
{
	int fd = ut_open(s, "small", O_CREATE | O_RDWR);
	for (int i = 0; i < 100; i++) {
		ut_write(s, fd, "aaaaaaaaaa", 10);
		ut_write(s, fd, "bbbbbbbbbb", 10);
	}
	close(fd);
	fd = ut_open(s, "small", O_RDONLY);
	int n = read(fd, buf, 2000);
	if (n != 2000)
		ut_fail(s, "read returned %d, wanted 2000", n);
	close(fd);
	if (unlink("small") < 0)
		ut_fail(s, "unlink small failed");
}

/* A file of xv6's largest size, MAXFILE blocks: written and read back
 * whole (ours may grow larger: include/fs_format.h). */
void writebig(const char *s)
{
	int fd = ut_open(s, "big", O_CREATE | O_RDWR);
	for (int i = 0; i < MAXFILE; i++) {
		((int *)buf)[0] = i;
		ut_write(s, fd, buf, BSIZE);
	}
	close(fd);
	fd = ut_open(s, "big", O_RDONLY);
	int n = 0;
	for (;;) {
		int r = read(fd, buf, BSIZE);
		if (r == 0)
			break;
		if (r != BSIZE)
			ut_fail(s, "read returned %d", r);
		if (((int *)buf)[0] != n)
			ut_fail(s, "read content of block %d is %d", n,
				((int *)buf)[0]);
		n++;
	}
	if (n != MAXFILE)
		ut_fail(s, "read only %d blocks from big", n);
	close(fd);
	if (unlink("big") < 0)
		ut_fail(s, "unlink big failed");
}

void createtest(const char *s)
{
	char name[3] = { 'a', 0, 0 };
	(void)s;
	for (int i = 0; i < 52; i++) {
		name[1] = (char)('0' + i);
		close(open(name, O_CREATE | O_RDWR));
	}
	for (int i = 0; i < 52; i++) {
		name[1] = (char)('0' + i);
		unlink(name);
	}
}

void dirtest(const char *s)
{
	if (mkdir("dir0") < 0)
		ut_fail(s, "mkdir failed");
	if (chdir("dir0") < 0)
		ut_fail(s, "chdir dir0 failed");
	if (chdir("..") < 0)
		ut_fail(s, "chdir .. failed");
	if (unlink("dir0") < 0)
		ut_fail(s, "unlink dir0 failed");
}

/* An unlinked open file lives on, separate from a new file of that name. */
void unlinkread(const char *s)
{
	int fd = ut_open(s, "unlinkread", O_CREATE | O_RDWR);
	ut_write(s, fd, "hello", 5);
	close(fd);
	fd = ut_open(s, "unlinkread", O_RDWR);
	if (unlink("unlinkread") != 0)
		ut_fail(s, "unlink unlinkread failed");
	int fd1 = ut_open(s, "unlinkread", O_CREATE | O_RDWR);
	ut_write(s, fd1, "yyy", 3);
	close(fd1);
	if (read(fd, buf, BUFSZ) != 5)
		ut_fail(s, "unlinkread read failed");
	if (buf[0] != 'h')
		ut_fail(s, "unlinkread wrong data");
	ut_write(s, fd, buf, 10);
	close(fd);
	unlink("unlinkread");
}

void linktest(const char *s)
{
	unlink("lf1");
	unlink("lf2");
	int fd = ut_open(s, "lf1", O_CREATE | O_RDWR);
	ut_write(s, fd, "hello", 5);
	close(fd);
	if (link("lf1", "lf2") < 0)
		ut_fail(s, "link lf1 lf2 failed");
	unlink("lf1");
	if (open("lf1", 0) >= 0)
		ut_fail(s, "unlinked lf1 but it is still there!");
	fd = ut_open(s, "lf2", 0);
	if (read(fd, buf, BUFSZ) != 5)
		ut_fail(s, "read lf2 failed");
	close(fd);
	if (link("lf2", "lf2") >= 0)
		ut_fail(s, "link lf2 lf2 succeeded! oops");
	unlink("lf2");
	if (link("lf2", "lf1") >= 0)
		ut_fail(s, "link non-existent succeeded! oops");
	if (link(".", "lf1") >= 0)
		ut_fail(s, "link . lf1 succeeded! oops");
}

