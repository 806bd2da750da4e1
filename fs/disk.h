/* Inside the file system: the mounted disk and its blocks. */
#pragma once

#include "fs/fs.h"

extern struct fs_superblock fs_sb;

/* The block's bytes, in place in the RAM disk; panics on a block number
 * outside the disk (a corrupt image). */
uint8_t *disk_block(uint32_t b);

/* A zeroed data block, or 0 when the disk is full; and its release. */
uint32_t block_alloc(void);
void block_free(uint32_t b);
