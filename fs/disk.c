/*
 * The block layer: the RAM disk itself and its free-block bitmap.  Blocks
 * are used where they lie, so reading one costs nothing and a write is
 * durable the moment it is made.
 */
#include "fs/disk.h"

#include "arch/panic.h"
#include "arch/spinlock.h"
#include "lib/string.h"

struct fs_superblock fs_sb;
static uint8_t *disk;
static struct spinlock bitmap_lock = SPINLOCK_INIT("bitmap");

uint8_t *disk_block(uint32_t b)
{
	if (b >= fs_sb.nblocks)
		panic("disk_block: block %u beyond the disk (%u blocks)", b,
		      fs_sb.nblocks);
	return disk + (size_t)b * FS_BLOCK_SIZE;
}

static int layout_valid(const struct fs_superblock *sb, size_t size)
{
	uint64_t inode_blocks = ((uint64_t)sb->ninodes + FS_INODES_PER_BLOCK - 1) /
				FS_INODES_PER_BLOCK;
	uint64_t bitmap_blocks = ((uint64_t)sb->nblocks + FS_BITS_PER_BLOCK - 1) /
				 FS_BITS_PER_BLOCK;
	return sb->magic == FS_MAGIC &&
	       (uint64_t)sb->nblocks * FS_BLOCK_SIZE <= size &&
	       sb->ninodes >= 2 && sb->ninodes <= 65536 &&
	       sb->inode_start == FS_SUPERBLOCK + 1 &&
	       sb->bitmap_start == sb->inode_start + inode_blocks &&
	       sb->data_start == sb->bitmap_start + bitmap_blocks &&
	       sb->data_start < sb->nblocks;
}

int disk_mount(void *base, size_t size)
{
	struct fs_superblock sb;
	if (size < 2 * FS_BLOCK_SIZE)
		return -1;
	memcpy(&sb, (uint8_t *)base + FS_SUPERBLOCK * FS_BLOCK_SIZE, sizeof sb);
	if (!layout_valid(&sb, size))
		return -1;
	disk = base;
	fs_sb = sb;
	return 0;
}

static uint8_t *bitmap_byte(uint32_t b, uint8_t *mask)
{
	*mask = (uint8_t)(1u << (b % 8));
	return disk_block(fs_sb.bitmap_start + b / FS_BITS_PER_BLOCK) +
	       (b % FS_BITS_PER_BLOCK) / 8;
}

uint32_t block_alloc(void)
{
	uint8_t mask;
	spin_lock(&bitmap_lock);
	for (uint32_t b = fs_sb.data_start; b < fs_sb.nblocks; b++) {
		uint8_t *byte = bitmap_byte(b, &mask);
		if (*byte & mask)
			continue;
		*byte |= mask;
		spin_unlock(&bitmap_lock);
		memset(disk_block(b), 0, FS_BLOCK_SIZE);
		return b;
	}
	spin_unlock(&bitmap_lock);
	return 0;
}

void block_free(uint32_t b)
{
	uint8_t mask;
	if (b < fs_sb.data_start)
		panic("block_free: block %u is metadata", b);
	spin_lock(&bitmap_lock);
	uint8_t *byte = bitmap_byte(b, &mask);
	if (!(*byte & mask))
		panic("block_free: block %u is already free", b);
	*byte &= (uint8_t)~mask;
	spin_unlock(&bitmap_lock);
}

uint32_t disk_free_blocks(void)
{
	uint32_t n = 0;
	uint8_t mask;
	spin_lock(&bitmap_lock);
	for (uint32_t b = fs_sb.data_start; b < fs_sb.nblocks; b++)
		n += !(*bitmap_byte(b, &mask) & mask);
	spin_unlock(&bitmap_lock);
	return n;
}
