/*
 * The file system as the system calls see it (fs/fs.c): creating,
 * opening, linking and unlinking by path.  Below it, floor by floor:
 * fs/path.h, fs/dir.h, fs/inode.h, fs/disk.h; docs/fs.md explains the
 * layers, include/fs_format.h is the on-disk format.
 */
#pragma once

#include <stdint.h>

#include "fs/inode.h"

/* Paths are relative to cwd.  Each returns -1 (or 0 for the inode ones)
 * on any failure, having changed nothing. */
struct inode *fs_create(struct inode *cwd, const char *path, int16_t type,
			int16_t major, int16_t minor);
struct inode *fs_open(struct inode *cwd, const char *path, int flags);
int fs_link(struct inode *cwd, const char *old, const char *new);
int fs_unlink(struct inode *cwd, const char *path);
