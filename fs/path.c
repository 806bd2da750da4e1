/*
 * Path lookup, one component at a time: lock the directory, find the
 * component, take a reference to what it names, unlock, move on.  Holding
 * at most one lock at a time is what makes '..' safe.  A removed directory
 * (link count 0) resolves nothing, so a process whose working directory
 * was unlinked gets clean failures for relative paths.
 */
#include "fs/path.h"

#include "fs/dir.h"
#include "fs/disk.h"
#include "lib/string.h"
#include "fs/inode.h"

/* Copies the next component of *path into name (truncated to
 * FS_NAME_MAX bytes, NUL-terminated) and advances *path past it and its
 * slashes.  Returns 0 when no component is left. */
static int next_component(const char **path, char name[FS_NAME_MAX + 1])
{
	const char *p = *path;
	while (*p == '/')
		p++;
	if (*p == 0)
		return 0;
	const char *start = p;
	while (*p && *p != '/')
		p++;
	size_t len = (size_t)(p - start);
	if (len > FS_NAME_MAX)
		len = FS_NAME_MAX;
	memcpy(name, start, len);
	name[len] = 0;
	while (*p == '/')
		p++;
	*path = p;
	return 1;
}

static struct inode *walk(struct inode *cwd, const char *path, int parent,
			  char name[FS_NAME_MAX + 1])
{
	struct inode *ip = path[0] == '/' ? inode_get(FS_ROOT_INUM)
					  : inode_dup(cwd);
	while (ip && next_component(&path, name)) {
		inode_lock(ip);
		if (ip->d->type != FS_T_DIR || ip->d->nlink == 0) {
			inode_unlock(ip);
			inode_put(ip);
			return 0;
		}
		if (parent && *path == 0) {
			inode_unlock(ip);
			return ip; /* stop before the last component */
		}
		struct inode *next = dir_lookup(ip, name, 0);
		inode_unlock(ip);
		inode_put(ip);
		ip = next;
	}
	if (ip && parent) { /* the path had no last component ("/", "") */
		inode_put(ip);
		return 0;
	}
	return ip;
}

struct inode *path_lookup(struct inode *cwd, const char *path)
{
	char name[FS_NAME_MAX + 1];
	return walk(cwd, path, 0, name);
}

struct inode *path_parent(struct inode *cwd, const char *path,
			  char name[FS_NAME_MAX + 1])
{
	return walk(cwd, path, 1, name);
}
