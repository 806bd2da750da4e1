/*
 * mkfs [--blocks N] [--inodes N] IMAGE FILE...
 * Builds IMAGE holding each FILE in / under its base name.  On any error
 * it says why on one line and exits 1 without writing IMAGE.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/fs/mkfs.h"
#include "include/fs_format.h"

__attribute__((noreturn, format(printf, 1, 2))) static void
die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "mkfs: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	exit(1);
}

static uint32_t number(const char *opt, const char *s)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno || *s == 0 || *end || v == 0 || v > 0x7fffffff)
		die("%s needs a positive number, not '%s'", opt, s);
	return (uint32_t)v;
}

static uint8_t *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die("cannot read %s: %s", path, strerror(errno));
	size_t cap = 65536, n = 0;
	uint8_t *buf = malloc(cap);
	for (size_t got; buf && (got = fread(buf + n, 1, cap - n, f)) > 0;) {
		n += got;
		if (n == cap)
			buf = realloc(buf, cap *= 2);
	}
	if (!buf || ferror(f))
		die("cannot read %s: read error", path);
	fclose(f);
	*size = n;
	return buf;
}

int main(int argc, char **argv)
{
	uint32_t nblocks = 2000, ninodes = 200;
	int i = 1;
	for (; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
		if (!strcmp(argv[i], "--blocks"))
			nblocks = number("--blocks", argv[i + 1]);
		else if (!strcmp(argv[i], "--inodes"))
			ninodes = number("--inodes", argv[i + 1]);
		else
			die("unknown option %s", argv[i]);
	}
	if (i >= argc)
		die("usage: mkfs [--blocks N] [--inodes N] IMAGE FILE...");
	const char *image = argv[i++];
	int nfiles = argc - i;
	struct mkfs_file *files = calloc((size_t)nfiles + 1, sizeof *files);
	for (int f = 0; f < nfiles; f++) {
		const char *slash = strrchr(argv[i + f], '/');
		files[f].name = slash ? slash + 1 : argv[i + f];
		files[f].data = slurp(argv[i + f], &files[f].size);
	}
	uint8_t *img = malloc((size_t)nblocks * FS_BLOCK_SIZE);
	char err[256];
	if (!img || !files)
		die("out of memory");
	if (mkfs_build(img, nblocks, ninodes, files, nfiles, err, sizeof err))
		die("%s", err);
	FILE *out = fopen(image, "wb");
	if (!out || fwrite(img, FS_BLOCK_SIZE, nblocks, out) != nblocks ||
	    fclose(out))
		die("cannot write %s: %s", image, strerror(errno));
	return 0;
}
