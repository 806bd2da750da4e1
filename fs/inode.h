/*
 * Files as inodes: the cache of in-memory inodes and their references
 * (fs/inode.c), and a file's contents (fs/inode_data.c).  docs/fs.md.
 *
 * Locking: one spinlock for the cache's table, and one per in-memory inode
 * protecting its on-disk inode and the contents of its blocks.  Lock
 * order: a directory before an inode inside it; never two unrelated
 * inodes.
 */
#pragma once

#include <stdint.h>

#include "arch/spinlock.h"
#include "fs/io_buf.h"
#include "include/fs_format.h"
#include "include/stat.h"

#define FS_NINODE 50 /* in-memory inodes (xv6's NINODE) */
#define FS_DEV 1     /* device number stat() reports (xv6's ROOTDEV) */
#define NDEV 10      /* device majors are 0..NDEV-1 (xv6's NDEV) */

struct inode {
	uint32_t inum;
	int refs;             /* holders; protected by the cache lock */
	struct spinlock lock; /* protects *d and the file's blocks */
	struct fs_dinode *d;  /* the on-disk inode, in place */
};

/* Inode references (fs/inode.c). */
struct inode *inode_get(uint32_t inum); /* 0 if the cache is full */
struct inode *inode_dup(struct inode *ip);
void inode_put(struct inode *ip); /* frees the file at nlink 0, last ref */
void inode_lock(struct inode *ip);
void inode_unlock(struct inode *ip);
struct inode *inode_alloc(int16_t type); /* 0 if none left or cache full */
void inode_stat(struct inode *ip, struct stat *st);
uint32_t inode_free_count(void); /* free on-disk inodes, for tests */

/* Contents (fs/inode_data.c); the caller holds the inode lock.
 * inode_read: bytes read (0 at or past the end), -1 if dst is invalid.
 * inode_write: bytes written, short when the disk fills up or src turns
 * invalid midway (the prefix stays written); -1 if off is past the end or
 * the file would outgrow FS_MAXFILE_BLOCKS. */
long inode_read(struct inode *ip, struct io_buf dst, uint32_t off, uint32_t n);
long inode_write(struct inode *ip, struct io_buf src, uint32_t off, uint32_t n);
void inode_truncate(struct inode *ip);
