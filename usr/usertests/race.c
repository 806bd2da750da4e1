/* File-system cases where several processes race on the same files,
 * names or offsets. */
#include "ut.h"

/* Writes through one descriptor shared by fork append atomically. */
void sharedfd(const char *s)
{
	unlink("sharedfd");
	int fd = ut_open(s, "sharedfd", O_CREATE | O_RDWR);
	int pid = fork();
	if (pid < 0)
		ut_fail(s, "fork failed");
	char c = pid == 0 ? 'c' : 'p';
	char b[10];
	memset(b, c, sizeof b);
	for (int i = 0; i < 1000; i++)
		ut_write(s, fd, b, sizeof b);
	if (pid == 0)
		exit(0);
	int status = ut_wait_status();
	if (status != 0)
		exit(status);
	close(fd);
	fd = ut_open(s, "sharedfd", 0);
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
			int fd = ut_open(s, names[pi], O_CREATE | O_RDWR);
			memset(buf, '0' + pi, 512);
			for (int i = 0; i < 12; i++)
				ut_write(s, fd, buf, 500);
			exit(0);
		}
	}
	for (int pi = 0; pi < 4; pi++) {
		int status = ut_wait_status();
		if (status != 0)
			exit(status);
	}
	for (int i = 0; i < 4; i++) {
		int fd = ut_open(s, names[i], 0), n, total = 0;
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
				close(ut_open(s, name, O_CREATE | O_RDWR));
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
	int fd = ut_open(s, ".", 0), n = 0;
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
