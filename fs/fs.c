/*
 * The file system's name space operations with xv6's semantics (abi.md
 * §4.16-4.21 and §10): creating files, directories and device nodes,
 * opening with O_CREATE/O_TRUNC, linking and unlinking.  Link counts
 * follow xv6: a directory's own '.' does not count, its '..' adds one to
 * the parent.
 */
#include "fs/fs.h"

#include "fs/dir.h"
#include "fs/disk.h"
#include "fs/path.h"
#include "include/fcntl.h"
#include "lib/string.h"
#include "fs/inode.h"
#include "fs/io_buf.h"

static int is_dot_or_dotdot(const char *name)
{
	return strcmp(name, ".") == 0 || strcmp(name, "..") == 0;
}

/* Gives a new directory its '.' and '..'; -1 if the disk is full. */
static int make_dir_entries(struct inode *dir, struct inode *parent)
{
	return dir_link(dir, ".", dir->inum) || dir_link(dir, "..", parent->inum)
		       ? -1 : 0;
}

/* A fresh inode of `type` named `name` in the locked directory dp. */
static struct inode *create_in(struct inode *dp, const char *name,
			       int16_t type, int16_t major, int16_t minor)
{
	struct inode *ip = inode_alloc(type);
	if (!ip)
		return 0;
	inode_lock(ip);
	ip->d->major = major;
	ip->d->minor = minor;
	ip->d->nlink = 1;
	int err = type == FS_T_DIR && make_dir_entries(ip, dp);
	if (!err)
		err = dir_link(dp, name, ip->inum);
	if (err)
		ip->d->nlink = 0; /* inode_put below frees it and its blocks */
	else if (type == FS_T_DIR)
		dp->d->nlink++; /* for the new directory's '..' */
	inode_unlock(ip);
	if (err) {
		inode_put(ip);
		return 0;
	}
	return ip;
}

struct inode *fs_create(struct inode *cwd, const char *path, int16_t type,
			int16_t major, int16_t minor)
{
	char name[FS_NAME_MAX + 1];
	struct inode *dp = path_parent(cwd, path, name);
	if (!dp)
		return 0;
	inode_lock(dp);
	uint32_t inum = dir_find(dp, name, 0);
	if (inum) {
		inode_unlock(dp);
		inode_put(dp);
		/* Creating an existing file opens it; anything else (or no
		 * cache slot to open it with) fails. */
		struct inode *ip = inode_get(inum);
		if (ip && type == FS_T_FILE && (ip->d->type == FS_T_FILE ||
						ip->d->type == FS_T_DEVICE))
			return ip;
		if (ip)
			inode_put(ip);
		return 0;
	}
	/* A removed directory takes no new names; a new subdirectory's '..'
	 * must not push the parent's count past the maximum. */
	int room = dp->d->nlink > 0 &&
		   (type != FS_T_DIR || dp->d->nlink < FS_LINK_MAX);
	struct inode *ip = room ? create_in(dp, name, type, major, minor) : 0;
	inode_unlock(dp);
	inode_put(dp);
	return ip;
}

struct inode *fs_open(struct inode *cwd, const char *path, int flags)
{
	struct inode *ip = (flags & O_CREATE)
				   ? fs_create(cwd, path, FS_T_FILE, 0, 0)
				   : path_lookup(cwd, path);
	if (!ip)
		return 0;
	inode_lock(ip);
	int16_t type = ip->d->type;
	int bad = (type == FS_T_DIR && flags != O_RDONLY) ||
		  (type == FS_T_DEVICE && (ip->d->major < 0 || ip->d->major >= NDEV));
	if (!bad && type == FS_T_FILE && (flags & O_TRUNC))
		inode_truncate(ip);
	inode_unlock(ip);
	if (bad) {
		inode_put(ip);
		return 0;
	}
	return ip;
}

/* Adds delta to ip's link count under its lock; -1, changing nothing, if
 * the count would pass FS_LINK_MAX (as EMLINK does elsewhere). */
static int adjust_links(struct inode *ip, int delta)
{
	inode_lock(ip);
	int ok = ip->d->nlink + delta <= FS_LINK_MAX;
	if (ok)
		ip->d->nlink = (int16_t)(ip->d->nlink + delta);
	inode_unlock(ip);
	return ok ? 0 : -1;
}

int fs_link(struct inode *cwd, const char *old, const char *new)
{
	char name[FS_NAME_MAX + 1];
	struct inode *ip = path_lookup(cwd, old);
	if (!ip)
		return -1;
	if (ip->d->type == FS_T_DIR || adjust_links(ip, +1) < 0) {
		inode_put(ip);
		return -1;
	}
	struct inode *dp = path_parent(cwd, new, name);
	int err = -1;
	if (dp) {
		inode_lock(dp);
		err = dp->d->nlink > 0 ? dir_link(dp, name, ip->inum) : -1;
		inode_unlock(dp);
		inode_put(dp);
	}
	if (err)
		adjust_links(ip, -1);
	inode_put(ip);
	return err;
}

/* Removes the entry at off from the locked dp, naming the locked ip. */
static void remove_entry(struct inode *dp, uint32_t off, struct inode *ip)
{
	struct fs_dirent empty = { 0 };
	inode_write(dp, (struct io_buf){ 0, (uintptr_t)&empty }, off, sizeof empty);
	if (ip->d->type == FS_T_DIR)
		dp->d->nlink--; /* its '..' is gone with it */
	ip->d->nlink--;
}

int fs_unlink(struct inode *cwd, const char *path)
{
	char name[FS_NAME_MAX + 1];
	uint32_t off;
	struct inode *dp = path_parent(cwd, path, name);
	if (!dp)
		return -1;
	if (is_dot_or_dotdot(name)) {
		inode_put(dp);
		return -1;
	}
	inode_lock(dp);
	struct inode *ip = dir_lookup(dp, name, &off);
	int err = -1;
	if (ip) {
		inode_lock(ip);
		err = ip->d->type == FS_T_DIR && !dir_is_empty(ip) ? -1 : 0;
		if (!err)
			remove_entry(dp, off, ip);
		inode_unlock(ip);
	}
	inode_unlock(dp);
	if (ip)
		inode_put(ip);
	inode_put(dp);
	return err;
}
