/*
 * mkfs: lay out superblock, inodes and bitmap, then put each file in the
 * root directory, allocating data blocks in order.  Every input is checked
 * before anything is written, so a bad request leaves no half-made image.
 */
#include "tools/fs/mkfs.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "include/fs_format.h"

struct image {
	uint8_t *img;
	struct fs_superblock sb;
	uint32_t next_block; /* next free data block */
	uint32_t next_inum;
};

static int fail(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
	return -1;
}

static uint8_t *block(struct image *im, uint32_t b)
{
	return im->img + (size_t)b * FS_BLOCK_SIZE;
}

static struct fs_dinode *dinode(struct image *im, uint32_t inum)
{
	return (struct fs_dinode *)block(im, im->sb.inode_start +
					       inum / FS_INODES_PER_BLOCK) +
	       inum % FS_INODES_PER_BLOCK;
}

static uint32_t blocks_for(size_t bytes)
{
	return (uint32_t)((bytes + FS_BLOCK_SIZE - 1) / FS_BLOCK_SIZE);
}

/* Data blocks a file of this size needs, counting the blocks of block
 * numbers: the indirect one, the doubly indirect one and those it names. */
static uint32_t data_blocks_for(size_t bytes)
{
	uint32_t n = blocks_for(bytes), index = n > FS_NDIRECT;
	if (n > FS_NDIRECT + FS_NINDIRECT) {
		uint32_t rest = n - FS_NDIRECT - FS_NINDIRECT;
		index += 1 + (rest + FS_NINDIRECT - 1) / FS_NINDIRECT;
	}
	return n + index;
}

static int check_name(const char *name, char *err, size_t len)
{
	size_t n = strlen(name);
	if (n == 0 || n > FS_NAME_MAX)
		return fail(err, len, "'%s': names are 1 to %d bytes", name,
			    FS_NAME_MAX);
	if (strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, ".."))
		return fail(err, len, "'%s' cannot be a file name", name);
	return 0;
}

static int check_request(uint32_t nblocks, uint32_t ninodes,
			 const struct mkfs_file *files, int nfiles,
			 uint32_t data_start, char *err, size_t len)
{
	uint64_t need = data_blocks_for((size_t)(nfiles + 2) * sizeof(struct fs_dirent));
	if (ninodes < 2 || ninodes > 65536)
		return fail(err, len, "inode count %u is not in 2..65536", ninodes);
	if ((uint64_t)nfiles + 2 > ninodes)
		return fail(err, len, "%d files need %d inodes, only %u requested",
			    nfiles, nfiles + 2, ninodes);
	for (int i = 0; i < nfiles; i++) {
		if (check_name(files[i].name, err, len))
			return -1;
		for (int j = 0; j < i; j++)
			if (!strcmp(files[i].name, files[j].name))
				return fail(err, len, "'%s' given twice", files[i].name);
		if (files[i].size > (size_t)FS_MAXFILE_BLOCKS * FS_BLOCK_SIZE)
			return fail(err, len, "'%s' is %zu bytes, the limit is %d",
				    files[i].name, files[i].size,
				    FS_MAXFILE_BLOCKS * FS_BLOCK_SIZE);
		need += data_blocks_for(files[i].size);
	}
	if (nblocks < data_start || need > nblocks - data_start)
		return fail(err, len, "%u blocks are too few: metadata takes %u, "
			    "the files %llu", nblocks, data_start,
			    (unsigned long long)need);
	return 0;
}

static uint32_t alloc_block(struct image *im)
{
	return im->next_block++;
}

/* Entry i of the block of block numbers *holder names, which is
 * allocated the first time. */
static uint32_t *index_entry(struct image *im, uint32_t *holder, uint32_t i)
{
	if (!*holder)
		*holder = alloc_block(im);
	return (uint32_t *)block(im, *holder) + i;
}

/* Where the file's block i is written down (include/fs_format.h). */
static uint32_t *slot_for(struct image *im, struct fs_dinode *di, uint32_t i)
{
	if (i < FS_NDIRECT)
		return &di->addrs[i];
	i -= FS_NDIRECT;
	if (i < FS_NINDIRECT)
		return index_entry(im, &di->addrs[FS_NDIRECT], i);
	i -= FS_NINDIRECT;
	uint32_t *mid = index_entry(im, &di->addrs[FS_NDIRECT + 1],
				    i / FS_NINDIRECT);
	return index_entry(im, mid, i % FS_NINDIRECT);
}

/* Writes data into the inode's blocks, allocating them in order. */
static void write_contents(struct image *im, struct fs_dinode *di,
			   const uint8_t *data, size_t size)
{
	for (uint32_t i = 0; i < blocks_for(size); i++) {
		uint32_t b = alloc_block(im);
		size_t off = (size_t)i * FS_BLOCK_SIZE;
		size_t n = size - off < FS_BLOCK_SIZE ? size - off : FS_BLOCK_SIZE;
		memcpy(block(im, b), data + off, n);
		*slot_for(im, di, i) = b;
	}
	di->size = (uint32_t)size;
}

static uint32_t add_inode(struct image *im, int16_t type)
{
	uint32_t inum = im->next_inum++;
	struct fs_dinode *di = dinode(im, inum);
	di->type = type;
	di->nlink = 1;
	return inum;
}

static void mark_used_blocks(struct image *im)
{
	for (uint32_t b = 0; b < im->next_block; b++)
		block(im, im->sb.bitmap_start + b / FS_BITS_PER_BLOCK)
			[(b % FS_BITS_PER_BLOCK) / 8] |= (uint8_t)(1 << (b % 8));
}

int mkfs_build(uint8_t *img, uint32_t nblocks, uint32_t ninodes,
	       const struct mkfs_file *files, int nfiles, char *err,
	       size_t errlen)
{
	struct image im = { .img = img };
	uint32_t inode_blocks = (ninodes + FS_INODES_PER_BLOCK - 1) /
				FS_INODES_PER_BLOCK;
	uint32_t bitmap_blocks = (nblocks + FS_BITS_PER_BLOCK - 1) /
				 FS_BITS_PER_BLOCK;
	im.sb = (struct fs_superblock){
		.magic = FS_MAGIC, .nblocks = nblocks, .ninodes = ninodes,
		.inode_start = FS_SUPERBLOCK + 1,
		.bitmap_start = FS_SUPERBLOCK + 1 + inode_blocks,
		.data_start = FS_SUPERBLOCK + 1 + inode_blocks + bitmap_blocks,
	};
	if (check_request(nblocks, ninodes, files, nfiles, im.sb.data_start, err,
			  errlen))
		return -1;
	memset(img, 0, (size_t)nblocks * FS_BLOCK_SIZE);
	memcpy(block(&im, FS_SUPERBLOCK), &im.sb, sizeof im.sb);
	im.next_block = im.sb.data_start;
	im.next_inum = FS_ROOT_INUM;

	struct fs_dirent entries[nfiles + 2];
	memset(entries, 0, sizeof entries);
	uint32_t root = add_inode(&im, FS_T_DIR);
	entries[0] = (struct fs_dirent){ .inum = (uint16_t)root, .name = "." };
	entries[1] = (struct fs_dirent){ .inum = (uint16_t)root, .name = ".." };
	for (int i = 0; i < nfiles; i++) {
		uint32_t inum = add_inode(&im, FS_T_FILE);
		entries[i + 2].inum = (uint16_t)inum;
		strncpy(entries[i + 2].name, files[i].name, FS_NAME_MAX);
		write_contents(&im, dinode(&im, inum), files[i].data, files[i].size);
	}
	write_contents(&im, dinode(&im, root), (const uint8_t *)entries,
		       sizeof entries);
	mark_used_blocks(&im);
	return 0;
}
