/* Paths (fs/path.c): relative to cwd unless absolute.  Return referenced,
 * unlocked inodes, or 0. */
#pragma once

#include "fs/inode.h"

#define FS_MAXPATH 128 /* bytes of a path, NUL included */

struct inode *path_lookup(struct inode *cwd, const char *path);
struct inode *path_parent(struct inode *cwd, const char *path,
			  char name[FS_NAME_MAX + 1]);
