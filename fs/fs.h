/*
 * The file system as the rest of the kernel sees it: mounting the RAM
 * disk, inodes, directories and path lookup.  docs/fs.md explains the
 * layers; include/fs_format.h is the on-disk format.
 *
 * Locking: one spinlock for the inode cache's table, one for the block
 * bitmap, and one per in-memory inode protecting its on-disk inode and the
 * contents of its blocks.  Nothing in the file system ever waits for a
 * device (the disk is RAM), so spinlocks suffice.  Lock order: a directory
 * before an inode inside it; never two unrelated inodes.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "arch/spinlock.h"
#include "include/fs_format.h"
#include "include/stat.h"

#define FS_NINODE 50   /* in-memory inodes (xv6's NINODE) */
#define FS_DEV 1       /* device number stat() reports (xv6's ROOTDEV) */
#define FS_MAXPATH 128 /* bytes of a path, NUL included */
#define NDEV 10        /* device majors are 0..NDEV-1 (xv6's NDEV) */

struct inode {
	uint32_t inum;
	int refs;                /* holders; protected by the cache lock */
	struct spinlock lock;    /* protects *d and the file's blocks */
	struct fs_dinode *d;     /* the on-disk inode, in place */
};

/* Where a read lands or a write comes from: user memory of vs at addr,
 * or kernel memory at addr when vs is 0. */
struct vm_space;
struct io_buf {
	struct vm_space *vs;
	uintptr_t addr;
};

/* fs/io_buf.c.  io_copy_out: bytes to dst+done; 0, or -1 if dst is
 * invalid.  io_copy_in: bytes from src+done; how many were readable. */
int io_copy_out(struct io_buf dst, uint32_t done, const void *src, uint32_t n);
uint32_t io_copy_in(void *dst, struct io_buf src, uint32_t done, uint32_t n);

/* Mounts the image at [base, base+size); -1 if it is not a valid one. */
int fs_mount(void *base, size_t size);

/* Inode references (fs/inode.c). */
struct inode *inode_get(uint32_t inum);   /* 0 if the cache is full */
struct inode *inode_dup(struct inode *ip);
void inode_put(struct inode *ip); /* frees the file at nlink 0, last ref */
void inode_lock(struct inode *ip);
void inode_unlock(struct inode *ip);
struct inode *inode_alloc(int16_t type); /* 0 if none left or cache full */
void inode_stat(struct inode *ip, struct stat *st);

/* Contents (fs/inode_data.c); the caller holds the inode lock.
 * inode_read: bytes read (0 at or past the end), -1 if dst is invalid.
 * inode_write: bytes written, short when the disk fills up or src turns
 * invalid midway (the prefix stays written); -1 if off is past the end or
 * the file would outgrow FS_MAXFILE_BLOCKS. */
long inode_read(struct inode *ip, struct io_buf dst, uint32_t off, uint32_t n);
long inode_write(struct inode *ip, struct io_buf src, uint32_t off, uint32_t n);
void inode_truncate(struct inode *ip);

/* Directories (fs/dir.c); the caller holds the directory's lock. */
/* The inode number of the entry called name in dir, 0 if there is none;
 * *off (if not 0) gets the entry's offset.  Needs no inode-cache slot, so
 * "absent" never means "cache full". */
uint32_t dir_find(struct inode *dir, const char *name, uint32_t *off);
/* That entry's inode, referenced; 0 if absent or the cache is full (for
 * callers to whom both are a failure). */
struct inode *dir_lookup(struct inode *dir, const char *name, uint32_t *off);
int dir_link(struct inode *dir, const char *name, uint32_t inum);
int dir_is_empty(struct inode *dir);

/* Paths (fs/path.c): relative to cwd unless absolute.  Return referenced,
 * unlocked inodes, or 0. */
struct inode *path_lookup(struct inode *cwd, const char *path);
struct inode *path_parent(struct inode *cwd, const char *path,
			  char name[FS_NAME_MAX + 1]);

/* Operations on names (fs/fsops.c), as the system calls need them.
 * Paths are relative to cwd.  Each returns -1 (or 0 for the inode ones)
 * on any failure, having changed nothing. */
struct inode *fs_create(struct inode *cwd, const char *path, int16_t type,
			int16_t major, int16_t minor);
struct inode *fs_open(struct inode *cwd, const char *path, int flags);
int fs_link(struct inode *cwd, const char *old, const char *new);
int fs_unlink(struct inode *cwd, const char *path);

/* Free blocks and inodes, for tests and statistics. */
uint32_t fs_free_blocks(void);
uint32_t fs_free_inodes(void);
