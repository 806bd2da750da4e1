/*
 * A file's contents: block n of a file is addrs[n] for the first
 * FS_NDIRECT blocks, then entry n - FS_NDIRECT of the indirect block,
 * then an entry of an indirect block that the doubly indirect block
 * names (include/fs_format.h).
 * Reads stop at the end of the file; writes may start at most at the end
 * (no holes) and allocate blocks as they go.
 */
#include "fs/inode.h"

#include "fs/disk.h"
#include "lib/string.h"
#include "mm/uaccess.h"
#include "fs/io_buf.h"

/* Entry i of the block of block numbers *holder names, allocating that
 * block if asked; 0 if it is absent, or if the disk is full. */
static uint32_t *entry_of(uint32_t *holder, uint32_t i, int alloc)
{
	if (!*holder && (!alloc || !(*holder = block_alloc())))
		return 0;
	return (uint32_t *)disk_block(*holder) + i;
}

/* Where the file's block n is written down: a slot in the inode or in an
 * indirect block (made as needed when alloc is set); 0 if absent. */
static uint32_t *slot_of(struct inode *ip, uint32_t n, int alloc)
{
	uint32_t *addrs = ip->d->addrs;
	if (n < FS_NDIRECT)
		return &addrs[n];
	n -= FS_NDIRECT;
	if (n < FS_NINDIRECT)
		return entry_of(&addrs[FS_NDIRECT], n, alloc);
	n -= FS_NINDIRECT;
	uint32_t *mid = entry_of(&addrs[FS_NDIRECT + 1], n / FS_NINDIRECT,
				 alloc);
	return mid ? entry_of(mid, n % FS_NINDIRECT, alloc) : 0;
}

/* Block n of the file, allocating it (and the blocks that lead to it) if
 * asked; 0 if absent, or if the disk is full. */
static uint32_t block_of(struct inode *ip, uint32_t n, int alloc)
{
	uint32_t *slot = slot_of(ip, n, alloc);
	if (!slot)
		return 0;
	if (!*slot && alloc)
		*slot = block_alloc();
	return *slot;
}

long inode_read(struct inode *ip, struct io_buf dst, uint32_t off, uint32_t n)
{
	uint32_t size = ip->d->size;
	if (off >= size)
		return 0;
	if (n > size - off)
		n = size - off;
	for (uint32_t done = 0; done < n;) {
		uint32_t in_block = off % FS_BLOCK_SIZE;
		uint32_t m = FS_BLOCK_SIZE - in_block;
		if (m > n - done)
			m = n - done;
		uint32_t b = block_of(ip, off / FS_BLOCK_SIZE, 0);
		static const uint8_t zeros[FS_BLOCK_SIZE];
		const uint8_t *data = b ? disk_block(b) + in_block : zeros;
		if (io_copy_out(dst, done, data, m))
			return -1;
		done += m, off += m;
	}
	return n;
}

long inode_write(struct inode *ip, struct io_buf src, uint32_t off, uint32_t n)
{
	const uint64_t max = (uint64_t)FS_MAXFILE_BLOCKS * FS_BLOCK_SIZE;
	uint32_t done = 0;
	if (off > ip->d->size || (uint64_t)off + n > max)
		return -1;
	while (done < n) {
		uint32_t in_block = off % FS_BLOCK_SIZE;
		uint32_t m = FS_BLOCK_SIZE - in_block;
		if (m > n - done)
			m = n - done;
		uint32_t b = block_of(ip, off / FS_BLOCK_SIZE, 1);
		if (!b)
			break; /* disk full */
		uint32_t got = io_copy_in(disk_block(b) + in_block, src, done, m);
		done += got, off += got;
		if (got < m)
			break; /* the source ran into invalid memory */
	}
	/* What was written stays written, even when the caller fails. */
	if (off > ip->d->size)
		ip->d->size = off;
	return done;
}

/* Frees the block *b and, depth levels down, the blocks it names. */
static void free_tree(uint32_t *b, int depth)
{
	if (!*b)
		return;
	if (depth > 0) {
		uint32_t *entries = (uint32_t *)disk_block(*b);
		for (int i = 0; i < FS_NINDIRECT; i++)
			free_tree(&entries[i], depth - 1);
	}
	block_free(*b);
	*b = 0;
}

void inode_truncate(struct inode *ip)
{
	struct fs_dinode *d = ip->d;
	for (int i = 0; i < FS_NDIRECT; i++)
		free_tree(&d->addrs[i], 0);
	free_tree(&d->addrs[FS_NDIRECT], 1);
	free_tree(&d->addrs[FS_NDIRECT + 1], 2);
	d->size = 0;
}
