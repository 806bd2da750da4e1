/*
 * fsck over arbitrary images (seeds: small images mkfs made in the
 * build), and a promise that links fsck to the kernel: an image fsck
 * finds consistent is one the kernel's file system can mount, read from
 * end to end and change without a panic, and it stays consistent.
 */
#include <stdlib.h>
#include <string.h>

#include "fs/fs.h"
#include "tools/fs/fsck.h"
#include "fuzz.h"
#include "include/fcntl.h"
#include "fs/dir.h"
#include "fs/inode.h"
#include "fs/io_buf.h"
#include "fs/disk.h"

#define MAX_DEPTH 16 /* fsck refuses cycles; this only bounds the stack */

static void count_problem(void *ctx, const char *problem)
{
	(void)strlen(problem);
	++*(int *)ctx;
}

static struct io_buf to_kernel(void *p)
{
	return (struct io_buf){ 0, (uintptr_t)p };
}

/* Reads every byte of every file under dir, as cat and ls would. */
static void read_tree(struct inode *dir, int depth)
{
	struct fs_dirent e;
	for (uint32_t off = 0;; off += sizeof e) {
		inode_lock(dir);
		long got = inode_read(dir, to_kernel(&e), off, sizeof e);
		inode_unlock(dir);
		if (got != sizeof e)
			return;
		char name[FS_NAME_MAX + 1] = { 0 };
		memcpy(name, e.name, FS_NAME_MAX);
		if (e.inum == 0 || !strcmp(name, ".") || !strcmp(name, ".."))
			continue;
		inode_lock(dir);
		struct inode *ip = dir_lookup(dir, name, 0);
		inode_unlock(dir);
		if (!ip)
			continue; /* an earlier entry of the same name, or a full cache */
		static uint8_t buf[FS_BLOCK_SIZE];
		struct stat st;
		inode_lock(ip);
		inode_stat(ip, &st);
		for (uint32_t pos = 0; inode_read(ip, to_kernel(buf), pos,
						  sizeof buf) > 0;)
			pos += sizeof buf;
		inode_unlock(ip);
		if (st.type == FS_T_DIR && depth < MAX_DEPTH)
			read_tree(ip, depth + 1);
		inode_put(ip);
	}
}

/* A file and a directory made and removed again through the kernel's
 * name-space operations. */
static void change_tree(struct inode *root)
{
	static uint8_t data[3 * FS_BLOCK_SIZE];
	struct inode *ip = fs_open(root, "/fuzz-file", O_CREATE | O_RDWR);
	if (ip) {
		inode_lock(ip);
		inode_write(ip, to_kernel(data), 0, sizeof data);
		inode_unlock(ip);
		inode_put(ip);
		FUZZ_CHECK(fs_unlink(root, "/fuzz-file") == 0);
	}
	ip = fs_create(root, "/fuzz-dir", FS_T_DIR, 0, 0);
	if (ip) {
		inode_put(ip);
		FUZZ_CHECK(fs_unlink(root, "/fuzz-dir") == 0);
	}
}

static void exercise(uint8_t *img, size_t size)
{
	FUZZ_CHECK(disk_mount(img, size) == 0);
	uint32_t blocks = disk_free_blocks(), inodes = inode_free_count();
	struct inode *root = inode_get(FS_ROOT_INUM);
	FUZZ_CHECK(root != 0);
	read_tree(root, 0);
	change_tree(root);
	inode_put(root);
	FUZZ_CHECK(disk_free_blocks() == blocks && inode_free_count() == inodes);
	int problems = 0;
	FUZZ_CHECK(fsck_image(img, size, count_problem, &problems) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int problems = 0;
	int found = fsck_image(data, size, count_problem, &problems);
	FUZZ_CHECK(found == problems);
	if (found == 0) {
		uint8_t *copy = malloc(size);
		memcpy(copy, data, size);
		exercise(copy, size);
		free(copy);
	}
	return 0;
}
