/*
 * A file's contents: block n of a file is addrs[n] for the first
 * FS_NDIRECT blocks, then entry n - FS_NDIRECT of the indirect block.
 * Reads stop at the end of the file; writes may start at most at the end
 * (no holes) and allocate blocks as they go.
 */
#include "fs/inode.h"

#include "fs/disk.h"
#include "lib/string.h"
#include "mm/uaccess.h"
#include "fs/io_buf.h"

/* Block n of the file, allocating it (and the indirect block) if asked;
 * 0 if absent, or if the disk is full. */
static uint32_t block_of(struct inode *ip, uint32_t n, int alloc)
{
	uint32_t *slot;
	if (n < FS_NDIRECT) {
		slot = &ip->d->addrs[n];
	} else {
		uint32_t *ind = &ip->d->addrs[FS_NDIRECT];
		if (!*ind && (!alloc || !(*ind = block_alloc())))
			return 0;
		slot = (uint32_t *)disk_block(*ind) + (n - FS_NDIRECT);
	}
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

void inode_truncate(struct inode *ip)
{
	struct fs_dinode *d = ip->d;
	for (int i = 0; i < FS_NDIRECT; i++)
		if (d->addrs[i]) {
			block_free(d->addrs[i]);
			d->addrs[i] = 0;
		}
	if (d->addrs[FS_NDIRECT]) {
		uint32_t *ind = (uint32_t *)disk_block(d->addrs[FS_NDIRECT]);
		for (int i = 0; i < FS_NINDIRECT; i++)
			if (ind[i])
				block_free(ind[i]);
		block_free(d->addrs[FS_NDIRECT]);
		d->addrs[FS_NDIRECT] = 0;
	}
	d->size = 0;
}
