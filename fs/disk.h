/*
 * The mounted disk: the RAM-disk image QEMU loaded, its superblock, its
 * blocks and the bitmap of free ones (fs/disk.c).  The layer every other
 * file-system file stands on; docs/fs.md draws the layout and the layers.
 *
 * Locking: one spinlock for the block bitmap.  Nothing in the file system
 * ever waits for a device (the disk is RAM), so spinlocks suffice.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "include/fs_format.h"

/* Mounts the image at [base, base+size); -1 if it is not a valid one. */
int disk_mount(void *base, size_t size);

extern struct fs_superblock fs_sb;

/* The block's bytes, in place in the RAM disk; panics on a block number
 * outside the disk (a corrupt image). */
uint8_t *disk_block(uint32_t b);

/* A zeroed data block, or 0 when the disk is full; and its release. */
uint32_t block_alloc(void);
void block_free(uint32_t b);

/* Free blocks, for tests and statistics. */
uint32_t disk_free_blocks(void);
