/*
 * Directories: files of 16-byte entries, '.' and '..' first.  Names are
 * compared over at most FS_NAME_MAX bytes, so a 14-byte name needs no NUL
 * and a longer one matches its first 14 bytes (xv6's rules).
 */
#include "fs/dir.h"

#include "fs/disk.h"
#include "lib/string.h"
#include "fs/inode.h"
#include "fs/io_buf.h"

static struct io_buf kernel_buf(void *p)
{
	return (struct io_buf){ 0, (uintptr_t)p };
}

static int read_entry(struct inode *dir, uint32_t off, struct fs_dirent *e)
{
	return inode_read(dir, kernel_buf(e), off, sizeof *e) == sizeof *e ? 0 : -1;
}

uint32_t dir_find(struct inode *dir, const char *name, uint32_t *off)
{
	struct fs_dirent e;
	for (uint32_t o = 0; o < dir->d->size; o += sizeof e) {
		if (read_entry(dir, o, &e) || e.inum == 0)
			continue;
		if (strncmp(name, e.name, FS_NAME_MAX) == 0) {
			if (off)
				*off = o;
			return e.inum;
		}
	}
	return 0;
}

struct inode *dir_lookup(struct inode *dir, const char *name, uint32_t *off)
{
	uint32_t inum = dir_find(dir, name, off);
	return inum ? inode_get(inum) : 0;
}

int dir_link(struct inode *dir, const char *name, uint32_t inum)
{
	struct fs_dirent e;
	if (dir_find(dir, name, 0))
		return -1; /* the name is taken */
	uint32_t off = 0;
	for (; off < dir->d->size; off += sizeof e)
		if (read_entry(dir, off, &e) == 0 && e.inum == 0)
			break;
	memset(&e, 0, sizeof e);
	memcpy(e.name, name, strnlen(name, FS_NAME_MAX));
	e.inum = (uint16_t)inum;
	return inode_write(dir, kernel_buf(&e), off, sizeof e) == sizeof e ? 0 : -1;
}

int dir_is_empty(struct inode *dir)
{
	struct fs_dirent e;
	for (uint32_t off = 2 * sizeof e; off < dir->d->size; off += sizeof e)
		if (read_entry(dir, off, &e) == 0 && e.inum != 0)
			return 0;
	return 1;
}
