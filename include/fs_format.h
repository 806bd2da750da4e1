/*
 * The on-disk layout of sv39cow's file system, shared by the kernel, mkfs
 * and fsck.  All integers are little-endian, as RISC-V and the host are.
 *
 *   block 0      unused (boot block by tradition)
 *   block 1      superblock
 *   inode blocks 16 inodes of 64 bytes per block, inode 0 never used
 *   bitmap       one bit per block of the whole disk, 1 = in use
 *   data blocks  file and directory contents, indirect blocks
 *
 * A file's block n is addrs[n] for its first FS_NDIRECT blocks, then an
 * entry of the indirect block addrs[FS_NDIRECT], then, two steps down,
 * through the doubly indirect block addrs[FS_NDIRECT + 1]: a block of
 * indirect blocks.  That makes files up to 64 MiB, enough for a trace of
 * every fault of `cowtest three` in a file.
 *
 * There is no log: the disk is a RAM disk that vanishes at power-off, so
 * there is no crash to recover from.  docs/fs.md draws it.
 */
#pragma once

#include <stdint.h>

#define FS_BLOCK_SIZE 1024
#define FS_MAGIC 0x53763943u /* "C9vS": sv39cow */
#define FS_ROOT_INUM 1
#define FS_NDIRECT 11
#define FS_NINDIRECT (FS_BLOCK_SIZE / 4) /* 256 block numbers a block */
#define FS_NDINDIRECT (FS_NINDIRECT * FS_NINDIRECT)
#define FS_MAXFILE_BLOCKS (FS_NDIRECT + FS_NINDIRECT + FS_NDINDIRECT) /* 65,803 */
#define FS_NAME_MAX 14 /* bytes of a name; no NUL when all 14 are used */
#define FS_LINK_MAX 32767 /* nlink is a signed 16-bit count */
#define FS_SUPERBLOCK 1
#define FS_BITS_PER_BLOCK (FS_BLOCK_SIZE * 8)

struct fs_superblock {
	uint32_t magic;
	uint32_t nblocks;      /* size of the disk in blocks */
	uint32_t ninodes;
	uint32_t inode_start;  /* first inode block */
	uint32_t bitmap_start; /* first bitmap block */
	uint32_t data_start;   /* first data block */
};

/* File types, as struct stat reports them (include/stat.h). */
#define FS_T_FREE 0
#define FS_T_DIR 1
#define FS_T_FILE 2
#define FS_T_DEVICE 3

struct fs_dinode {
	int16_t type;
	int16_t major, minor; /* devices only */
	int16_t nlink;        /* directory entries naming it, <= FS_LINK_MAX */
	uint32_t size;        /* bytes */
	uint32_t addrs[FS_NDIRECT + 2]; /* direct, indirect, doubly indirect */
};

#define FS_INODES_PER_BLOCK (FS_BLOCK_SIZE / sizeof(struct fs_dinode))

/* A directory is an array of these; inum 0 marks a free slot. */
struct fs_dirent {
	uint16_t inum;
	char name[FS_NAME_MAX];
};

_Static_assert(sizeof(struct fs_dinode) == 64, "on-disk inode size");
_Static_assert(sizeof(struct fs_dirent) == 16, "directory entry size");
_Static_assert(FS_BLOCK_SIZE % sizeof(struct fs_dinode) == 0, "inode packing");
