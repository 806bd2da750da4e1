/*
 * fsck: rebuild from the inodes and directories what the disk should say,
 * and compare.  Checked: the superblock's layout; every allocated inode's
 * type and blocks (in range, never shared, no holes below its size); the
 * bitmap against the blocks in use; directories ('.' and '..' first,
 * entries naming allocated inodes); every inode reachable from the root;
 * link counts against the directory entries naming each inode.
 */
#include "tools/fs/fsck.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "include/fs_format.h"

struct check {
	const uint8_t *img;
	struct fs_superblock sb;
	uint8_t *block_owner;  /* 1 if some inode uses the block */
	uint32_t *links;       /* entries naming each inode */
	uint32_t *parent;      /* for directories: the directory naming it */
	int problems;
	fsck_report_fn report;
	void *ctx;
};

__attribute__((format(printf, 2, 3))) static void problem(struct check *c,
							  const char *fmt, ...)
{
	char msg[160];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	c->problems++;
	if (c->report)
		c->report(c->ctx, msg);
}

static const uint8_t *block(const struct check *c, uint32_t b)
{
	return c->img + (size_t)b * FS_BLOCK_SIZE;
}

static const struct fs_dinode *dinode(const struct check *c, uint32_t inum)
{
	return (const struct fs_dinode *)block(c, c->sb.inode_start +
						      inum / FS_INODES_PER_BLOCK) +
	       inum % FS_INODES_PER_BLOCK;
}

static int layout_ok(struct check *c, size_t size)
{
	const struct fs_superblock *sb = &c->sb;
	uint32_t inode_blocks = (sb->ninodes + FS_INODES_PER_BLOCK - 1) /
				FS_INODES_PER_BLOCK;
	uint32_t bitmap_blocks = (sb->nblocks + FS_BITS_PER_BLOCK - 1) /
				 FS_BITS_PER_BLOCK;
	if (sb->magic != FS_MAGIC)
		problem(c, "superblock: bad magic 0x%x", sb->magic);
	else if ((uint64_t)sb->nblocks * FS_BLOCK_SIZE > size)
		problem(c, "superblock: %u blocks but the image has %zu bytes",
			sb->nblocks, size);
	else if (sb->ninodes < 2 || sb->ninodes > 65536 ||
		 sb->inode_start != FS_SUPERBLOCK + 1 ||
		 sb->bitmap_start != sb->inode_start + inode_blocks ||
		 sb->data_start != sb->bitmap_start + bitmap_blocks ||
		 sb->data_start >= sb->nblocks)
		problem(c, "superblock: inconsistent layout");
	return c->problems == 0;
}

/* Claims block b for inum (as its n-th block, or its indirect block). */
static int claim(struct check *c, uint32_t inum, uint32_t b)
{
	if (b < c->sb.data_start || b >= c->sb.nblocks) {
		problem(c, "inode %u: block %u outside the data area", inum, b);
		return 0;
	}
	if (c->block_owner[b]) {
		problem(c, "inode %u: block %u is used twice", inum, b);
		return 0;
	}
	c->block_owner[b] = 1;
	return 1;
}

/* Entry i of the block of block numbers b, 0 if b is no data block. */
static uint32_t entry_in(const struct check *c, uint32_t b, uint32_t i)
{
	if (!b || b < c->sb.data_start || b >= c->sb.nblocks)
		return 0;
	return ((const uint32_t *)block(c, b))[i];
}

/* The n-th data block of an inode, 0 if none (also for an n no file can
 * have: the size field is as untrusted as the rest of the image). */
static uint32_t nth_block(const struct check *c, const struct fs_dinode *di,
			  uint32_t n)
{
	if (n >= FS_MAXFILE_BLOCKS)
		return 0;
	if (n < FS_NDIRECT)
		return di->addrs[n];
	n -= FS_NDIRECT;
	if (n < FS_NINDIRECT)
		return entry_in(c, di->addrs[FS_NDIRECT], n);
	n -= FS_NINDIRECT;
	uint32_t mid = entry_in(c, di->addrs[FS_NDIRECT + 1], n / FS_NINDIRECT);
	return entry_in(c, mid, n % FS_NINDIRECT);
}

/* Claims the data blocks an indirect block b names (depth 1), or those
 * of the indirect blocks it names (depth 2), counting them in *n, the
 * file's block number, and reporting any missing below used.  A block
 * that is no data block, or is claimed twice, is not looked into: the
 * image is as untrusted as its sizes. */
static void claim_tree(struct check *c, uint32_t inum, uint32_t b, int depth,
		       uint32_t used, uint32_t *n, uint32_t size)
{
	uint32_t span = depth == 2 ? FS_NINDIRECT * FS_NINDIRECT
		      : depth == 1 ? FS_NINDIRECT : 1;
	if (!b) {
		if (*n < used)
			problem(c, "inode %u: size %u but block %u missing",
				inum, size, *n);
		*n += span;
		return;
	}
	if (!claim(c, inum, b)) {
		*n += span;
		return;
	}
	if (depth == 0) {
		(*n)++;
		return;
	}
	const uint32_t *entries = (const uint32_t *)block(c, b);
	for (int i = 0; i < FS_NINDIRECT; i++)
		claim_tree(c, inum, entries[i], depth - 1, used, n, size);
}

static void check_inode_blocks(struct check *c, uint32_t inum,
			       const struct fs_dinode *di)
{
	uint32_t used = (di->size + FS_BLOCK_SIZE - 1) / FS_BLOCK_SIZE;
	if (di->size > (uint32_t)FS_MAXFILE_BLOCKS * FS_BLOCK_SIZE) {
		problem(c, "inode %u: size %u beyond the largest file", inum,
			di->size);
		return;
	}
	uint32_t n = 0;
	for (int i = 0; i < FS_NDIRECT; i++)
		claim_tree(c, inum, di->addrs[i], 0, used, &n, di->size);
	claim_tree(c, inum, di->addrs[FS_NDIRECT], 1, used, &n, di->size);
	claim_tree(c, inum, di->addrs[FS_NDIRECT + 1], 2, used, &n, di->size);
}

static void check_inodes(struct check *c)
{
	for (uint32_t inum = 1; inum < c->sb.ninodes; inum++) {
		const struct fs_dinode *di = dinode(c, inum);
		if (di->type == FS_T_FREE)
			continue;
		if (di->type != FS_T_DIR && di->type != FS_T_FILE &&
		    di->type != FS_T_DEVICE) {
			problem(c, "inode %u: unknown type %d", inum, di->type);
			continue;
		}
		check_inode_blocks(c, inum, di);
	}
}

static void check_bitmap(struct check *c)
{
	for (uint32_t b = 0; b < c->sb.nblocks; b++) {
		const uint8_t *bits = block(c, c->sb.bitmap_start + b / FS_BITS_PER_BLOCK);
		int marked = (bits[(b % FS_BITS_PER_BLOCK) / 8] >> (b % 8)) & 1;
		int in_use = b < c->sb.data_start || c->block_owner[b];
		if (marked != in_use)
			problem(c, "bitmap: block %u is %s but %s", b,
				marked ? "marked used" : "marked free",
				in_use ? "in use" : "unused");
	}
}

static int entry_is(const struct fs_dirent *e, const char *name)
{
	return strncmp(e->name, name, FS_NAME_MAX) == 0;
}

/* Reads entry i of directory dinode di. */
static struct fs_dirent dir_entry(const struct check *c,
				  const struct fs_dinode *di, uint32_t i)
{
	uint32_t off = i * (uint32_t)sizeof(struct fs_dirent);
	uint32_t b = nth_block(c, di, off / FS_BLOCK_SIZE);
	struct fs_dirent e = { 0 };
	if (b >= c->sb.data_start && b < c->sb.nblocks)
		memcpy(&e, block(c, b) + off % FS_BLOCK_SIZE, sizeof e);
	return e;
}

static void walk_dir(struct check *c, uint32_t dir, uint32_t parent, int depth);

static void check_entry(struct check *c, uint32_t dir, uint32_t i,
			struct fs_dirent e, int depth)
{
	if (e.inum >= c->sb.ninodes || dinode(c, e.inum)->type == FS_T_FREE) {
		problem(c, "dir %u: entry %u '%.14s' names free inode %u", dir,
			i, e.name, e.inum);
		return;
	}
	if (entry_is(&e, ".") || entry_is(&e, ".."))
		return;
	c->links[e.inum]++;
	if (dinode(c, e.inum)->type == FS_T_DIR) {
		if (c->parent[e.inum])
			problem(c, "dir %u is named by two directories", e.inum);
		else
			walk_dir(c, e.inum, dir, depth + 1);
	}
}

static void walk_dir(struct check *c, uint32_t dir, uint32_t parent, int depth)
{
	const struct fs_dinode *di = dinode(c, dir);
	uint32_t n = di->size / (uint32_t)sizeof(struct fs_dirent);
	c->parent[dir] = parent;
	if (depth > 64 || di->size % sizeof(struct fs_dirent) || n < 2 ||
	    di->size > (uint32_t)FS_MAXFILE_BLOCKS * FS_BLOCK_SIZE) {
		problem(c, "dir %u: bad size %u or nesting", dir, di->size);
		return;
	}
	struct fs_dirent dot = dir_entry(c, di, 0), dotdot = dir_entry(c, di, 1);
	if (!entry_is(&dot, ".") || dot.inum != dir)
		problem(c, "dir %u: first entry is not '.'", dir);
	if (!entry_is(&dotdot, "..") || dotdot.inum != parent)
		problem(c, "dir %u: second entry is not '..' = %u", dir, parent);
	if (dir != parent)
		c->links[parent]++; /* the child's '..' */
	for (uint32_t i = 2; i < n; i++) {
		struct fs_dirent e = dir_entry(c, di, i);
		if (e.inum)
			check_entry(c, dir, i, e, depth);
	}
}

static void check_links(struct check *c)
{
	c->links[FS_ROOT_INUM]++; /* the root is named by the file system */
	for (uint32_t inum = 1; inum < c->sb.ninodes; inum++) {
		const struct fs_dinode *di = dinode(c, inum);
		if (di->type == FS_T_FREE)
			continue;
		if (di->type == FS_T_DIR && !c->parent[inum])
			problem(c, "dir %u is not reachable from /", inum);
		else if (c->links[inum] == 0)
			problem(c, "inode %u is allocated but named nowhere", inum);
		else if ((uint32_t)di->nlink != c->links[inum])
			problem(c, "inode %u: nlink %d, named %u times", inum,
				di->nlink, c->links[inum]);
	}
}

int fsck_image(const uint8_t *img, size_t size, fsck_report_fn report,
	       void *ctx)
{
	struct check c = { .img = img, .report = report, .ctx = ctx };
	if (size < 2 * FS_BLOCK_SIZE) {
		problem(&c, "image of %zu bytes has no superblock", size);
		return c.problems;
	}
	memcpy(&c.sb, block(&c, FS_SUPERBLOCK), sizeof c.sb);
	if (!layout_ok(&c, size))
		return c.problems;
	c.block_owner = calloc(c.sb.nblocks, 1);
	c.links = calloc(c.sb.ninodes, sizeof *c.links);
	c.parent = calloc(c.sb.ninodes, sizeof *c.parent);
	if (!c.block_owner || !c.links || !c.parent) {
		problem(&c, "out of memory");
	} else {
		check_inodes(&c);
		check_bitmap(&c);
		if (dinode(&c, FS_ROOT_INUM)->type != FS_T_DIR)
			problem(&c, "inode %d (the root) is not a directory",
				FS_ROOT_INUM);
		else
			walk_dir(&c, FS_ROOT_INUM, FS_ROOT_INUM, 0);
		check_links(&c);
	}
	free(c.block_owner);
	free(c.links);
	free(c.parent);
	return c.problems;
}
