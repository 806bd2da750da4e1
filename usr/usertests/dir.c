/* Cases about directories, names and larger files. */
#include "ut.h"

static void must(const char *s, int ok, const char *what)
{
	if (!ok)
		ut_fail(s, "%s", what);
}

static void make_file(const char *s, const char *path, const char *text)
{
	int fd = open(path, O_CREATE | O_RDWR);
	must(s, fd >= 0, "create failed");
	must(s, write(fd, text, (int)strlen(text)) == (int)strlen(text),
	     "write failed");
	close(fd);
}

static void read_two(const char *s, const char *path, char first)
{
	int fd = open(path, 0);
	must(s, fd >= 0, "open failed");
	int n = read(fd, buf, BUFSZ);
	must(s, n == 2 && buf[0] == first, "wrong content");
	close(fd);
}

void subdir(const char *s)
{
	unlink("ff");
	must(s, mkdir("dd") == 0, "mkdir dd failed");
	make_file(s, "dd/ff", "ff");
	must(s, unlink("dd") < 0, "unlink dd (non-empty dir) succeeded!");
	must(s, mkdir("/dd/dd") == 0, "subdir mkdir dd/dd failed");
	make_file(s, "dd/dd/ff", "FF");
	read_two(s, "dd/dd/../ff", 'f');
	must(s, link("dd/dd/ff", "dd/dd/ffff") == 0, "link dd/dd/ff failed");
	must(s, unlink("dd/dd/ff") == 0, "unlink dd/dd/ff failed");
	must(s, open("dd/dd/ff", O_RDONLY) < 0, "open (unlinked) dd/dd/ff ok");
	must(s, chdir("dd") == 0, "chdir dd failed");
	must(s, chdir("dd/../../dd") == 0, "chdir dd/../../dd failed");
	must(s, chdir("dd/../../../dd") == 0, "chdir dd/../../../dd failed");
	must(s, chdir("./..") == 0, "chdir ./.. failed");
	read_two(s, "dd/dd/ffff", 'F');
	must(s, open("dd/dd/ff", O_RDONLY) < 0, "open (unlinked) dd/dd/ff ok");
	must(s, open("dd/ff/ff", O_CREATE | O_RDWR) < 0, "create dd/ff/ff ok");
	must(s, open("dd/xx/ff", O_CREATE | O_RDWR) < 0, "create dd/xx/ff ok");
	must(s, open("dd", O_CREATE) < 0, "create dd succeeded!");
	must(s, open("dd", O_RDWR) < 0, "open dd rdwr succeeded!");
	must(s, open("dd", O_WRONLY) < 0, "open dd wronly succeeded!");
	must(s, link("dd/ff/ff", "dd/dd/xx") < 0, "link dd/ff/ff ok");
	must(s, link("dd/xx/ff", "dd/dd/xx") < 0, "link dd/xx/ff ok");
	must(s, link("dd/ff", "dd/dd/ffff") < 0, "link onto ffff ok");
	must(s, mkdir("dd/ff/ff") < 0, "mkdir dd/ff/ff succeeded!");
	must(s, mkdir("dd/xx/ff") < 0, "mkdir dd/xx/ff succeeded!");
	must(s, mkdir("dd/dd/ffff") < 0, "mkdir dd/dd/ffff succeeded!");
	must(s, unlink("dd/xx/ff") < 0, "unlink dd/xx/ff succeeded!");
	must(s, unlink("dd/ff/ff") < 0, "unlink dd/ff/ff succeeded!");
	must(s, chdir("dd/ff") < 0, "chdir dd/ff succeeded!");
	must(s, chdir("dd/xx") < 0, "chdir dd/xx succeeded!");
	must(s, unlink("dd/dd/ffff") == 0, "unlink dd/dd/ffff failed");
	must(s, unlink("dd/ff") == 0, "unlink dd/ff failed");
	must(s, unlink("dd") < 0, "unlink non-empty dd succeeded!");
	must(s, unlink("dd/dd") == 0, "unlink dd/dd failed");
	must(s, unlink("dd") == 0, "unlink dd failed");
}

void bigwrite(const char *s)
{
	for (int sz = 499; sz < (MAXOPBLOCKS + 2) * BSIZE; sz += 471) {
		int fd = open("bigwrite", O_CREATE | O_RDWR);
		must(s, fd >= 0, "cannot create bigwrite");
		for (int i = 0; i < 2; i++) {
			int n = write(fd, buf, sz);
			if (n != sz)
				ut_fail(s, "write(%d) ret %d", sz, n);
		}
		close(fd);
		unlink("bigwrite");
	}
}

void bigfile(const char *s)
{
	enum { N = 20, SZ = 600 };
	unlink("bigfile.dat");
	int fd = open("bigfile.dat", O_CREATE | O_RDWR);
	must(s, fd >= 0, "cannot create bigfile");
	for (int i = 0; i < N; i++) {
		memset(buf, i, SZ);
		must(s, write(fd, buf, SZ) == SZ, "write bigfile failed");
	}
	close(fd);
	fd = open("bigfile.dat", 0);
	must(s, fd >= 0, "cannot open bigfile");
	int total = 0;
	for (int i = 0;; i++) {
		int n = read(fd, buf, SZ / 2);
		must(s, n >= 0, "read bigfile failed");
		if (n == 0)
			break;
		must(s, n == SZ / 2, "short read bigfile");
		must(s, buf[0] == i / 2 && buf[SZ / 2 - 1] == i / 2,
		     "read bigfile wrong data");
		total += n;
	}
	close(fd);
	must(s, total == N * SZ, "read bigfile wrong total");
	unlink("bigfile.dat");
}

/* Names longer than DIRSIZ are cut to DIRSIZ, looking up and creating. */
void fourteen(const char *s)
{
	must(s, mkdir("12345678901234") == 0, "mkdir 12345678901234 failed");
	must(s, mkdir("12345678901234/123456789012345") == 0,
	     "mkdir 12345678901234/123456789012345 failed");
	int fd = open("123456789012345/123456789012345/123456789012345",
		      O_CREATE);
	must(s, fd >= 0, "create 123456789012345/123456789012345/... failed");
	close(fd);
	fd = open("12345678901234/12345678901234/12345678901234", 0);
	must(s, fd >= 0, "open 12345678901234/12345678901234/... failed");
	close(fd);
	must(s, mkdir("12345678901234/12345678901234") < 0,
	     "mkdir 12345678901234/12345678901234 succeeded!");
	must(s, mkdir("123456789012345/12345678901234") < 0,
	     "mkdir 12345678901234/123456789012345 succeeded!");
	unlink("123456789012345/12345678901234/12345678901234");
	unlink("12345678901234/12345678901234/12345678901234");
	unlink("12345678901234/12345678901234");
	unlink("12345678901234");
}

void rmdot(const char *s)
{
	must(s, mkdir("dots") == 0, "mkdir dots failed");
	must(s, chdir("dots") == 0, "chdir dots failed");
	must(s, unlink(".") < 0, "rm . worked!");
	must(s, unlink("..") < 0, "rm .. worked!");
	must(s, chdir("/") == 0, "chdir / failed");
	must(s, unlink("dots/.") < 0, "unlink dots/. worked!");
	must(s, unlink("dots/..") < 0, "unlink dots/.. worked!");
	must(s, unlink("dots") == 0, "unlink dots failed!");
}

void dirfile(const char *s)
{
	int fd = open("dirfile", O_CREATE);
	must(s, fd >= 0, "create dirfile failed");
	close(fd);
	must(s, chdir("dirfile") < 0, "chdir dirfile succeeded!");
	must(s, open("dirfile/xx", 0) < 0, "open dirfile/xx succeeded!");
	must(s, open("dirfile/xx", O_CREATE) < 0, "create dirfile/xx ok");
	must(s, mkdir("dirfile/xx") < 0, "mkdir dirfile/xx succeeded!");
	must(s, unlink("dirfile/xx") < 0, "unlink dirfile/xx succeeded!");
	must(s, link("README", "dirfile/xx") < 0, "link to dirfile/xx ok");
	must(s, unlink("dirfile") == 0, "unlink dirfile failed!");
	must(s, open(".", O_RDWR) < 0, "open . for writing succeeded!");
	fd = open(".", 0);
	must(s, fd >= 0, "open . failed");
	must(s, write(fd, "x", 1) <= 0, "write . succeeded!");
	close(fd);
}

/* Lookups that fail on an empty name must not leak inode references:
 * more iterations than the inode cache has entries. */
void iref(const char *s)
{
	for (int i = 0; i < NINODE + 1; i++) {
		must(s, mkdir("irefd") == 0, "mkdir irefd failed");
		must(s, chdir("irefd") == 0, "chdir irefd failed");
		mkdir("");
		link("README", "");
		int fd = open("", O_CREATE);
		if (fd >= 0)
			close(fd);
		fd = open("xx", O_CREATE);
		if (fd >= 0)
			close(fd);
		unlink("xx");
	}
	for (int i = 0; i < NINODE + 1; i++) {
		chdir("..");
		unlink("irefd");
	}
	chdir("/");
}

/* Removing the directories around our own cwd: later lookups there
 * fail cleanly. */
void unlinkcwd(const char *s)
{
	must(s, mkdir("/a") == 0, "mkdir /a failed");
	must(s, mkdir("/a/b") == 0, "mkdir /a/b failed");
	must(s, chdir("/a/b") == 0, "chdir /a/b failed");
	must(s, unlink("/a/b") == 0, "unlink /a/b failed");
	must(s, unlink("/a") == 0, "unlink /a failed");
	int fd = open("../", O_RDONLY);
	if (fd > 0) {
		printf("%s: open ../ in a removed directory returned %d\n", s,
		       fd);
		close(fd);
	}
	fd = open("../c", O_CREATE);
	if (fd > 0) {
		printf("%s: create ../c in a removed directory returned %d\n",
		       s, fd);
		close(fd);
	}
	chdir("/");
}

/* A write whose buffer runs off the heap stores the valid prefix, for
 * good, and reports -1. */
void partial_write(const char *s)
{
	unlink("testfile");
	make_file(s, "testfile", "A");
	int fd = open("testfile", O_RDWR);
	must(s, fd >= 0, "open testfile failed");
	uint64_t brk = (uint64_t)sbrk(0);
	if (brk % PGSIZE)
		sbrk((int)(PGSIZE - brk % PGSIZE));
	char *p = sbrk(0);
	p[-1] = 'X';
	must(s, write(fd, p - 1, 2) == -1, "write succeeded, should have failed");
	close(fd);
	char c = 0;
	fd = open("testfile", O_RDONLY);
	must(s, fd >= 0 && read(fd, &c, 1) == 1 && c == 'X',
	     "the valid prefix was not written");
	close(fd);
	fd = open("bigfile", O_CREATE | O_RDWR);
	must(s, fd >= 0, "create bigfile failed");
	for (int i = 0; i < 64; i++)
		must(s, write(fd, buf, 1024) == 1024, "write bigfile failed");
	close(fd);
	unlink("bigfile");
	fd = open("testfile", O_RDONLY);
	c = 0;
	must(s, fd >= 0 && read(fd, &c, 1) == 1 && c == 'X',
	     "the written prefix did not last");
	close(fd);
	unlink("testfile");
}
