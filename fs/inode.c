/*
 * The inode cache: FS_NINODE in-memory inodes, each naming an on-disk
 * inode by number and pointing at it in place.  A reference (refs) keeps
 * the slot; the inode's own lock guards what it points to.  A file whose
 * link count reached 0 is freed when its last reference goes, so an
 * unlinked file stays usable while it is open.
 */
#include "fs/inode.h"

#include "arch/panic.h"
#include "fs/disk.h"
#include "lib/string.h"

static struct {
	struct spinlock lock; /* protects every refs and inum */
	struct inode slot[FS_NINODE];
} cache = { .lock = SPINLOCK_INIT("inode cache") };

static struct spinlock alloc_lock = SPINLOCK_INIT("inode alloc");

static struct fs_dinode *dinode_of(uint32_t inum)
{
	return (struct fs_dinode *)disk_block(fs_sb.inode_start +
					      inum / FS_INODES_PER_BLOCK) +
	       inum % FS_INODES_PER_BLOCK;
}

struct inode *inode_get(uint32_t inum)
{
	struct inode *free = 0;
	if (inum == 0 || inum >= fs_sb.ninodes)
		return 0; /* a directory entry out of range: treat as absent */
	spin_lock(&cache.lock);
	for (int i = 0; i < FS_NINODE; i++) {
		struct inode *ip = &cache.slot[i];
		if (ip->refs > 0 && ip->inum == inum) {
			ip->refs++;
			spin_unlock(&cache.lock);
			return ip;
		}
		if (!free && ip->refs == 0)
			free = ip;
	}
	if (free) {
		free->inum = inum;
		free->d = dinode_of(inum);
		free->refs = 1;
		spin_init(&free->lock, "inode");
	}
	spin_unlock(&cache.lock);
	return free;
}

struct inode *inode_dup(struct inode *ip)
{
	spin_lock(&cache.lock);
	ip->refs++;
	spin_unlock(&cache.lock);
	return ip;
}

void inode_lock(struct inode *ip)
{
	if (ip->refs < 1)
		panic("inode_lock: inode %u has no references", ip->inum);
	spin_lock(&ip->lock);
}

void inode_unlock(struct inode *ip)
{
	spin_unlock(&ip->lock);
}

/* The last reference to a file nobody names any more: free it.  Nobody
 * can find it by name, and our reference keeps its slot, so the cache lock
 * may be dropped meanwhile. */
static void inode_free(struct inode *ip)
{
	spin_unlock(&cache.lock);
	inode_lock(ip);
	inode_truncate(ip);
	memset(ip->d, 0, sizeof *ip->d);
	inode_unlock(ip);
	spin_lock(&cache.lock);
}

void inode_put(struct inode *ip)
{
	spin_lock(&cache.lock);
	if (ip->refs < 1)
		panic("inode_put: inode %u has no references", ip->inum);
	if (ip->refs == 1 && ip->d->type != FS_T_FREE && ip->d->nlink == 0)
		inode_free(ip);
	ip->refs--;
	spin_unlock(&cache.lock);
}

struct inode *inode_alloc(int16_t type)
{
	spin_lock(&alloc_lock);
	for (uint32_t inum = 1; inum < fs_sb.ninodes; inum++) {
		struct fs_dinode *d = dinode_of(inum);
		if (d->type != FS_T_FREE)
			continue;
		memset(d, 0, sizeof *d);
		d->type = type;
		spin_unlock(&alloc_lock);
		struct inode *ip = inode_get(inum);
		if (!ip)
			d->type = FS_T_FREE; /* cache full: give it back */
		return ip;
	}
	spin_unlock(&alloc_lock);
	return 0;
}

void inode_stat(struct inode *ip, struct stat *st)
{
	/* Field by field after a memset: a compound literal may leave the
	 * padding (bytes 12..15) holding whatever the stack held, and this
	 * structure goes to user space. */
	memset(st, 0, sizeof *st);
	st->dev = FS_DEV;
	st->ino = ip->inum;
	st->type = ip->d->type;
	st->nlink = ip->d->nlink;
	st->size = ip->d->type == FS_T_DEVICE ? 0 : ip->d->size;
}

uint32_t inode_free_count(void)
{
	uint32_t n = 0;
	spin_lock(&alloc_lock);
	for (uint32_t inum = 1; inum < fs_sb.ninodes; inum++)
		n += dinode_of(inum)->type == FS_T_FREE;
	spin_unlock(&alloc_lock);
	return n;
}
