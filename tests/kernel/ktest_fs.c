/*
 * The file system on the real RAM disk QEMU loaded (-initrd fs.img), and
 * where it meets the memory system: reads into copy-on-write user pages
 * and writes from partly invalid user buffers.
 */
#include "fs/disk.h"
#include "include/fcntl.h"
#include "kernel/ktest.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/vm.h"
#include "mm/fork.h"
#include "fs/path.h"
#include "fs/inode.h"
#include "fs/io_buf.h"
#include "fs/fs.h"

#define VA 0x10000UL

static struct io_buf kbuf(void *p)
{
	return (struct io_buf){ 0, (uintptr_t)p };
}

KTEST(fs_root_holds_readme)
{
	char buf[16] = { 0 };
	KT_CHECK(fs_sb.magic == FS_MAGIC);
	struct inode *root = inode_get(FS_ROOT_INUM);
	struct inode *ip = root ? path_lookup(root, "/README") : 0;
	if (!KT_CHECK(ip != 0))
		return;
	inode_lock(ip);
	KT_EQ(inode_read(ip, kbuf(buf), 0, 7), 7);
	inode_unlock(ip);
	KT_CHECK(memcmp(buf, "sv39cow", 7) == 0);
	inode_put(ip);
	inode_put(root);
}

KTEST(fs_create_write_read_unlink_restores_free_space)
{
	static char data[20000], back[20000];
	uint32_t blocks = disk_free_blocks(), inodes = inode_free_count();
	struct inode *root = inode_get(FS_ROOT_INUM);
	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (char)(i % 251);
	struct inode *ip = fs_open(root, "ktest-file", O_CREATE | O_RDWR);
	if (!KT_CHECK(ip != 0))
		return;
	inode_lock(ip);
	KT_EQ(inode_write(ip, kbuf(data), 0, sizeof data), sizeof data);
	KT_EQ(inode_read(ip, kbuf(back), 0, sizeof back), sizeof back);
	inode_unlock(ip);
	KT_CHECK(memcmp(data, back, sizeof data) == 0);
	KT_EQ(disk_free_blocks(), blocks - 20 /* data */ - 1 /* indirect */);
	inode_put(ip);
	KT_EQ(fs_unlink(root, "ktest-file"), 0);
	KT_EQ(disk_free_blocks(), blocks);
	KT_EQ(inode_free_count(), inodes);
	inode_put(root);
}

/* A read into a page shared copy-on-write must not change the other
 * sharer's copy (cowtest's `file` case, in the kernel). */
KTEST(fs_read_into_cow_page_breaks_sharing)
{
	size_t frames = frame_free_count();
	struct vm_space p, c;
	struct inode *root = inode_get(FS_ROOT_INUM);
	struct inode *ip = path_lookup(root, "README");
	vm_space_create(&p);
	vm_space_create(&c);
	vm_alloc_range(&p, VA, VA + PAGE_SIZE, VM_USER_RW);
	KT_EQ(fork_space(&p, &c), 0);
	inode_lock(ip);
	KT_EQ(inode_read(ip, (struct io_buf){ &c, VA }, 0, 7), 7);
	KT_EQ(inode_read(ip, (struct io_buf){ &c, USER_TOP - 4 }, 0, 7), -1);
	inode_unlock(ip);
	paddr_t pp = pte_pa(*sv39_walk(p.root, VA, 0));
	paddr_t cp = pte_pa(*sv39_walk(c.root, VA, 0));
	KT_CHECK(pp != cp);
	KT_CHECK(memcmp(pa_to_kva(cp), "sv39cow", 7) == 0);
	KT_EQ(*(uint64_t *)pa_to_kva(pp), 0);
	inode_put(ip);
	inode_put(root);
	vm_space_destroy(&c);
	vm_space_destroy(&p);
	KT_EQ(frame_free_count(), frames);
}

/* A write whose source runs into unmapped memory stores the valid prefix
 * (usertests' partial_write; the file layer then reports -1). */
KTEST(fs_partial_write_keeps_the_valid_prefix)
{
	size_t frames = frame_free_count();
	struct vm_space vs;
	struct inode *root = inode_get(FS_ROOT_INUM);
	vm_space_create(&vs);
	vm_alloc_range(&vs, VA, VA + PAGE_SIZE, VM_USER_RW);
	struct inode *ip = fs_open(root, "ktest-partial", O_CREATE | O_RDWR);
	inode_lock(ip);
	KT_EQ(inode_write(ip, (struct io_buf){ &vs, VA }, 0, 2 * PAGE_SIZE), PAGE_SIZE);
	KT_EQ(ip->d->size, PAGE_SIZE);
	inode_unlock(ip);
	inode_put(ip);
	KT_EQ(fs_unlink(root, "ktest-partial"), 0);
	inode_put(root);
	vm_space_destroy(&vs);
	KT_EQ(frame_free_count(), frames);
}
