/* Cases about files: offsets, truncation, links, concurrent writers. */
#include "ut.h"

static int open_or_fail(const char *s, const char *path, int flags)
{
	int fd = open(path, flags);
	if (fd < 0)
		ut_fail(s, "open(%s) failed", path);
	return fd;
}

static void write_or_fail(const char *s, int fd, const void *p, int n)
{
	int r = write(fd, p, n);
	if (r != n)
		ut_fail(s, "write of %d bytes returned %d", n, r);
}

void truncate1(const char *s)
{
	char b[32];
	unlink("truncfile");
	int fd1 = open_or_fail(s, "truncfile", O_CREATE | O_WRONLY | O_TRUNC);
	write_or_fail(s, fd1, "abcd", 4);
	close(fd1);
	int fd2 = open_or_fail(s, "truncfile", O_RDONLY);
	int n = read(fd2, b, sizeof b);
	if (n != 4)
		ut_fail(s, "read %d bytes, wanted 4", n);
	fd1 = open_or_fail(s, "truncfile", O_WRONLY | O_TRUNC);
	int fd3 = open_or_fail(s, "truncfile", O_RDONLY);
	if ((n = read(fd3, b, sizeof b)) != 0)
		ut_fail(s, "read %d bytes from a truncated file, wanted 0", n);
	if ((n = read(fd2, b, sizeof b)) != 0)
		ut_fail(s, "read %d bytes past the end, wanted 0", n);
	write_or_fail(s, fd1, "abcdef", 6);
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
	int fd1 = open_or_fail(s, "truncfile", O_CREATE | O_TRUNC | O_WRONLY);
	write_or_fail(s, fd1, "abcd", 4);
	int fd2 = open_or_fail(s, "truncfile", O_TRUNC | O_WRONLY);
	int n = write(fd1, "x", 1);
	if (n != -1)
		ut_fail(s, "write returned %d, expected -1", n);
	unlink("truncfile");
	close(fd1);
	close(fd2);
}

void truncate3(const char *s)
{
	close(open_or_fail(s, "truncfile", O_CREATE | O_TRUNC | O_WRONLY));
	int pid = fork();
	if (pid < 0)
		ut_fail(s, "fork failed");
	if (pid == 0) {
		for (int i = 0; i < 100; i++) {
			char b[32];
			int fd = open_or_fail(s, "truncfile", O_WRONLY);
			write_or_fail(s, fd, "1234567890", 10);
			close(fd);
			fd = open_or_fail(s, "truncfile", O_RDONLY);
			read(fd, b, sizeof b);
			close(fd);
		}
		exit(0);
	}
	for (int i = 0; i < 150; i++) {
		int fd = open_or_fail(s, "truncfile",
				      O_CREATE | O_WRONLY | O_TRUNC);
		write_or_fail(s, fd, "xxx", 3);
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
	close(open_or_fail(s, "echo", 0));
	if (open("doesnotexist", 0) >= 0)
		ut_fail(s, "open doesnotexist succeeded!");
}

void writetest(const char *s)
{
	int fd = open_or_fail(s, "small", O_CREATE | O_RDWR);
	for (int i = 0; i < 100; i++) {
		write_or_fail(s, fd, "aaaaaaaaaa", 10);
		write_or_fail(s, fd, "bbbbbbbbbb", 10);
	}
	close(fd);
	fd = open_or_fail(s, "small", O_RDONLY);
	int n = read(fd, buf, 2000);
	if (n != 2000)
		ut_fail(s, "read returned %d, wanted 2000", n);
	close(fd);
	if (unlink("small") < 0)
		ut_fail(s, "unlink small failed");
}

/* A file of exactly MAXFILE blocks: written and read back whole. */
void writebig(const char *s)
{
	int fd = open_or_fail(s, "big", O_CREATE | O_RDWR);
	for (int i = 0; i < MAXFILE; i++) {
		((int *)buf)[0] = i;
		write_or_fail(s, fd, buf, BSIZE);
	}
	close(fd);
	fd = open_or_fail(s, "big", O_RDONLY);
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

/* Writes through one descriptor shared by fork append atomically. */
void sharedfd(const char *s)
{
	unlink("sharedfd");
	int fd = open_or_fail(s, "sharedfd", O_CREATE | O_RDWR);
	int pid = fork();
	if (pid < 0)
		ut_fail(s, "fork failed");
	char c = pid == 0 ? 'c' : 'p';
	char b[10];
	memset(b, c, sizeof b);
	for (int i = 0; i < 1000; i++)
		write_or_fail(s, fd, b, sizeof b);
	if (pid == 0)
		exit(0);
	int status = ut_wait_status();
	if (status != 0)
		exit(status);
	close(fd);
	fd = open_or_fail(s, "sharedfd", 0);
	int nc = 0, np = 0, n;
	while ((n = read(fd, b, sizeof b)) > 0)
		for (int i = 0; i < n; i++) {
			nc += b[i] == 'c';
			np += b[i] == 'p';
		}
	close(fd);
	unlink("sharedfd");
	if (nc != 10000 || np != 10000)
		ut_fail(s, "nc/np test fails: %d c, %d p", nc, np);
}

void fourfiles(const char *s)
{
	const char *names[] = { "f0", "f1", "f2", "f3" };
	for (int pi = 0; pi < 4; pi++) {
		unlink(names[pi]);
		int pid = fork();
		if (pid < 0)
			ut_fail(s, "fork failed");
		if (pid == 0) {
			int fd = open_or_fail(s, names[pi], O_CREATE | O_RDWR);
			memset(buf, '0' + pi, 512);
			for (int i = 0; i < 12; i++)
				write_or_fail(s, fd, buf, 500);
			exit(0);
		}
	}
	for (int pi = 0; pi < 4; pi++) {
		int status = ut_wait_status();
		if (status != 0)
			exit(status);
	}
	for (int i = 0; i < 4; i++) {
		int fd = open_or_fail(s, names[i], 0), n, total = 0;
		while ((n = read(fd, buf, BUFSZ)) > 0) {
			for (int j = 0; j < n; j++)
				if (buf[j] != '0' + i)
					ut_fail(s, "wrong char");
			total += n;
		}
		close(fd);
		if (total != 12 * 500)
			ut_fail(s, "wrong length %d", total);
		unlink(names[i]);
	}
}

void createdelete(const char *s)
{
	enum { N = 20, NCHILD = 4 };
	char name[3] = { 0 };
	for (int pi = 0; pi < NCHILD; pi++) {
		int pid = fork();
		if (pid < 0)
			ut_fail(s, "fork failed");
		if (pid == 0) {
			name[0] = (char)('p' + pi);
			for (int i = 0; i < N; i++) {
				name[1] = (char)('0' + i);
				close(open_or_fail(s, name, O_CREATE | O_RDWR));
				if (i > 0 && i % 2 == 0) {
					name[1] = (char)('0' + i / 2);
					if (unlink(name) < 0)
						ut_fail(s, "unlink failed");
				}
			}
			exit(0);
		}
	}
	for (int pi = 0; pi < NCHILD; pi++)
		if (ut_wait_status() != 0)
			exit(1);
	for (int i = 0; i < N; i++)
		for (int pi = 0; pi < NCHILD; pi++) {
			name[0] = (char)('p' + pi);
			name[1] = (char)('0' + i);
			int fd = open(name, 0);
			if ((i == 0 || i >= N / 2) && fd < 0)
				ut_fail(s, "oops createdelete %s didn't exist", name);
			if (i >= 1 && i < N / 2 && fd >= 0)
				ut_fail(s, "oops createdelete %s did exist", name);
			if (fd >= 0)
				close(fd);
		}
	for (int i = 0; i < N; i++)
		for (int pi = 0; pi < NCHILD; pi++) {
			name[0] = (char)('p' + pi);
			name[1] = (char)('0' + i);
			unlink(name);
		}
}

/* An unlinked open file lives on, separate from a new file of that name. */
void unlinkread(const char *s)
{
	int fd = open_or_fail(s, "unlinkread", O_CREATE | O_RDWR);
	write_or_fail(s, fd, "hello", 5);
	close(fd);
	fd = open_or_fail(s, "unlinkread", O_RDWR);
	if (unlink("unlinkread") != 0)
		ut_fail(s, "unlink unlinkread failed");
	int fd1 = open_or_fail(s, "unlinkread", O_CREATE | O_RDWR);
	write_or_fail(s, fd1, "yyy", 3);
	close(fd1);
	if (read(fd, buf, BUFSZ) != 5)
		ut_fail(s, "unlinkread read failed");
	if (buf[0] != 'h')
		ut_fail(s, "unlinkread wrong data");
	write_or_fail(s, fd, buf, 10);
	close(fd);
	unlink("unlinkread");
}

void linktest(const char *s)
{
	unlink("lf1");
	unlink("lf2");
	int fd = open_or_fail(s, "lf1", O_CREATE | O_RDWR);
	write_or_fail(s, fd, "hello", 5);
	close(fd);
	if (link("lf1", "lf2") < 0)
		ut_fail(s, "link lf1 lf2 failed");
	unlink("lf1");
	if (open("lf1", 0) >= 0)
		ut_fail(s, "unlinked lf1 but it is still there!");
	fd = open_or_fail(s, "lf2", 0);
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

/* Racing creates and links of the same names end with one entry each. */
void concreate(const char *s)
{
	enum { N = 40 };
	char file[3] = { 'C', 0, 0 };
	static char seen[N];
	for (int i = 0; i < N; i++) {
		file[1] = (char)('0' + i);
		unlink(file);
		int pid = fork();
		if (pid < 0)
			ut_fail(s, "fork failed");
		if ((pid && i % 3 == 1) || (pid == 0 && i % 5 == 1)) {
			link("C0", file);
		} else {
			int fd = open(file, O_CREATE | O_RDWR);
			if (fd < 0)
				ut_fail(s, "concreate create %s failed", file);
			close(fd);
		}
		if (pid == 0)
			exit(0);
		if (ut_wait_status() != 0)
			exit(1);
	}
	memset(seen, 0, sizeof seen);
	int fd = open_or_fail(s, ".", 0), n = 0;
	struct fs_dirent de;
	while (read(fd, &de, sizeof de) > 0) {
		if (de.inum == 0 || de.name[0] != 'C' || de.name[2] != 0)
			continue;
		int i = de.name[1] - '0';
		if (i < 0 || i >= N)
			ut_fail(s, "concreate weird file %s", de.name);
		if (seen[i])
			ut_fail(s, "concreate duplicate file %s", de.name);
		seen[i] = 1;
		n++;
	}
	close(fd);
	if (n != N)
		ut_fail(s, "concreate not enough files in directory listing");
	for (int i = 0; i < N; i++) {
		file[1] = (char)('0' + i);
		int pid = fork();
		if (pid < 0)
			ut_fail(s, "fork failed");
		int opener = (i % 3 == 0 && pid == 0) || (i % 3 == 1 && pid != 0);
		for (int k = 0; k < 6; k++) {
			if (opener)
				close(open(file, 0));
			else
				unlink(file);
		}
		if (pid == 0)
			exit(0);
		wait(0);
	}
}

/* Two processes creating, linking and unlinking one name at random. */
void linkunlink(const char *s)
{
	unlink("x");
	int pid = fork();
	if (pid < 0)
		ut_fail(s, "fork failed");
	unsigned int x = pid ? 1 : 97;
	for (int i = 0; i < 100; i++) {
		x = x * 1103515245 + 12345;
		if (x % 3 == 0)
			close(open("x", O_RDWR | O_CREATE));
		else if (x % 3 == 1)
			link("cat", "x");
		else
			unlink("x");
	}
	if (pid)
		wait(0);
	else
		exit(0);
}
