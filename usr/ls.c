/* ls: for a directory, one line per entry (name, type, inode, size);
 * for anything else, that one line. */
#include "lib/user.h"

#include "include/fs_format.h"

static void line(const char *name, const struct stat *st)
{
	printf("%-14s %d %d %lu\n", name, st->type, st->ino,
	       (unsigned long)st->size);
}

static int list_dir(int fd, const char *path)
{
	struct fs_dirent de;
	char full[FS_NAME_MAX + 130], name[FS_NAME_MAX + 1];
	if (strlen(path) + 1 + FS_NAME_MAX + 1 > sizeof full) {
		fprintf(2, "ls: path too long\n");
		return 1;
	}
	while (read(fd, &de, sizeof de) == sizeof de) {
		if (de.inum == 0)
			continue;
		memcpy(name, de.name, FS_NAME_MAX);
		name[FS_NAME_MAX] = 0;
		strcpy(full, path);
		char *end = full + strlen(full);
		*end++ = '/';
		strcpy(end, name);
		struct stat st;
		if (stat(full, &st) < 0) {
			fprintf(2, "ls: cannot stat %s\n", full);
			continue;
		}
		line(name, &st);
	}
	return 0;
}

static int ls(const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(2, "ls: cannot open %s\n", path);
		return 1;
	}
	int r = 0;
	if (fstat(fd, &st) < 0) {
		fprintf(2, "ls: cannot stat %s\n", path);
		r = 1;
	} else if (st.type == T_DIR) {
		r = list_dir(fd, path);
	} else {
		line(path, &st);
	}
	close(fd);
	return r;
}

int main(int argc, char **argv)
{
	int r = 0;
	if (argc < 2)
		return ls(".");
	for (int i = 1; i < argc; i++)
		r |= ls(argv[i]);
	return r;
}
