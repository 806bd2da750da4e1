/*
 * The kernel's file system on the host, over an in-memory disk that mkfs
 * builds before every test; after every test all references are dropped
 * and fsck must find the disk consistent.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fs/fs.h"
#include "tools/fs/fsck.h"
#include "tools/fs/mkfs.h"
#include "include/fcntl.h"
#include "fs/path.h"
#include "fs/inode.h"
#include "fs/io_buf.h"
#include "fs/disk.h"

#define NBLOCKS 900
#define NINODES 64 /* more than the inode cache holds */
#define MAXBYTES (FS_MAXFILE_BLOCKS * FS_BLOCK_SIZE)
/* A file reaching three indirect blocks into the doubly indirect range:
 * its data, the indirect block, the doubly indirect one and three more. */
#define BIG_BLOCKS (FS_NDIRECT + FS_NINDIRECT + 2 * FS_NINDIRECT + 5)
#define BIGBYTES (BIG_BLOCKS * FS_BLOCK_SIZE)

static uint8_t disk[NBLOCKS * FS_BLOCK_SIZE];
static struct inode *root;
static uint32_t blocks0, inodes0;
static uint8_t pattern[BIGBYTES + FS_BLOCK_SIZE];

static void print_problem(void *ctx, const char *msg)
{
	(void)ctx;
	print_error("fsck: %s\n", msg);
}

static int setup(void **state)
{
	(void)state;
	char err[128];
	static const struct mkfs_file files[] = {
		{ "README", (const uint8_t *)"read me\n", 8 },
	};
	assert_int_equal(mkfs_build(disk, NBLOCKS, NINODES, files, 1, err,
				    sizeof err), 0);
	assert_int_equal(disk_mount(disk, sizeof disk), 0);
	root = inode_get(FS_ROOT_INUM);
	blocks0 = disk_free_blocks();
	inodes0 = inode_free_count();
	for (size_t i = 0; i < sizeof pattern; i++)
		pattern[i] = (uint8_t)(i * 7 + i / 1024);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	inode_put(root);
	assert_int_equal(fsck_image(disk, sizeof disk, print_problem, NULL), 0);
	return 0;
}

static struct io_buf kbuf(const void *p)
{
	return (struct io_buf){ 0, (uintptr_t)p };
}

static long write_at(struct inode *ip, const void *p, uint32_t off, uint32_t n)
{
	inode_lock(ip);
	long r = inode_write(ip, kbuf(p), off, n);
	inode_unlock(ip);
	return r;
}

static long read_at(struct inode *ip, void *p, uint32_t off, uint32_t n)
{
	inode_lock(ip);
	long r = inode_read(ip, kbuf(p), off, n);
	inode_unlock(ip);
	return r;
}

static struct inode *create(const char *path, int16_t type)
{
	return fs_create(root, path, type, 0, 0);
}

static void mount_rejects_what_is_not_a_file_system(void **state)
{
	(void)state;
	static uint8_t junk[4 * FS_BLOCK_SIZE];
	assert_int_equal(disk_mount(junk, sizeof junk), -1);
	assert_int_equal(disk_mount(disk, FS_BLOCK_SIZE), -1);
	assert_int_equal(disk_mount(disk, sizeof disk - 1), -1);
	assert_int_equal(disk_mount(disk, sizeof disk), 0);
}

static void create_write_read_truncate(void **state)
{
	(void)state;
	char buf[64];
	struct inode *ip = create("f", FS_T_FILE);
	assert_non_null(ip);
	assert_int_equal(write_at(ip, "hello, world", 0, 12), 12);
	assert_int_equal(read_at(ip, buf, 7, sizeof buf), 5);
	assert_memory_equal(buf, "world", 5);
	assert_int_equal(read_at(ip, buf, 12, 10), 0);  /* at EOF */
	assert_int_equal(read_at(ip, buf, 100, 10), 0); /* past EOF */
	assert_int_equal(write_at(ip, "x", 13, 1), -1); /* would leave a hole */
	assert_int_equal(write_at(ip, "!", 12, 1), 1);  /* appends */
	struct stat st;
	inode_stat(ip, &st);
	assert_int_equal(st.size, 13);
	assert_int_equal(st.type, T_FILE);
	assert_int_equal(st.nlink, 1);
	assert_int_equal(st.dev, FS_DEV);
	inode_lock(ip);
	inode_truncate(ip);
	inode_unlock(ip);
	assert_int_equal(read_at(ip, buf, 0, 10), 0);
	assert_int_equal(disk_free_blocks(), blocks0);
	inode_put(ip);
	assert_int_equal(fs_unlink(root, "f"), 0);
	assert_int_equal(inode_free_count(), inodes0);
}

static void big_file_through_double_indirect(void **state)
{
	(void)state;
	static uint8_t back[BIGBYTES];
	struct inode *ip = create("big", FS_T_FILE);
	assert_int_equal(write_at(ip, pattern, 0, BIGBYTES), BIGBYTES);
	assert_int_equal(read_at(ip, back, 0, BIGBYTES), BIGBYTES);
	assert_memory_equal(back, pattern, BIGBYTES);
	/* the data, the indirect block, the doubly indirect one, 3 below it */
	assert_int_equal(disk_free_blocks(), blocks0 - BIG_BLOCKS - 5);
	assert_int_equal(fsck_image(disk, sizeof disk, print_problem, NULL), 0);
	/* refused as a whole, by the largest file's size, before a byte */
	assert_int_equal(write_at(ip, pattern, BIGBYTES,
				  MAXBYTES - BIGBYTES + 1), -1);
	assert_int_equal(ip->d->size, BIGBYTES);
	inode_put(ip);
	assert_int_equal(fs_unlink(root, "big"), 0);
	assert_int_equal(disk_free_blocks(), blocks0);
}

static void directories_and_dotdot(void **state)
{
	(void)state;
	struct inode *d = create("dd", FS_T_DIR);
	struct inode *f = create("dd/ff", FS_T_FILE);
	assert_non_null(d);
	assert_non_null(f);
	assert_int_equal(d->d->nlink, 1);
	assert_int_equal(root->d->nlink, 2); /* '..' of dd */
	struct inode *again = path_lookup(root, "dd/../dd//ff/");
	assert_ptr_equal(again, f);
	inode_put(again);
	struct inode *top = path_lookup(d, "../../..");
	assert_ptr_equal(top, root); /* '..' of / is / */
	inode_put(top);
	assert_null(path_lookup(root, "dd/ff/x")); /* through a file */
	assert_null(create("dd", FS_T_DIR));        /* exists */
	assert_null(fs_open(root, "dd", O_CREATE | O_RDWR));
	assert_null(fs_open(root, "dd", O_WRONLY));
	struct inode *ro = fs_open(root, "dd", O_RDONLY);
	assert_ptr_equal(ro, d);
	inode_put(ro);
	assert_int_equal(fs_unlink(root, "dd"), -1); /* not empty */
	assert_int_equal(fs_unlink(root, "dd/."), -1);
	assert_int_equal(fs_unlink(root, "dd/.."), -1);
	assert_int_equal(fs_unlink(root, "dd/ff"), 0);
	assert_int_equal(fs_unlink(root, "dd"), 0);
	assert_int_equal(root->d->nlink, 1);
	inode_put(f);
	inode_put(d);
	assert_int_equal(disk_free_blocks(), blocks0);
	assert_int_equal(inode_free_count(), inodes0);
}

/* xv6's `fourteen` case: components are truncated to 14 bytes. */
static void names_truncate_at_fourteen_bytes(void **state)
{
	(void)state;
	struct inode *a = create("12345678901234", FS_T_DIR);
	struct inode *b = create("12345678901234/123456789012345", FS_T_DIR);
	assert_non_null(a);
	assert_non_null(b);
	struct inode *c = fs_open(root, "123456789012345/123456789012345/123456789012345",
				  O_CREATE | O_RDWR);
	assert_non_null(c);
	assert_null(create("12345678901234/12345678901234", FS_T_DIR));
	struct inode *same = path_lookup(root, "12345678901234/12345678901234/12345678901234");
	assert_ptr_equal(same, c);
	inode_put(same);
	inode_put(c);
	inode_put(b);
	inode_put(a);
	assert_int_equal(fs_unlink(root, "12345678901234/12345678901234/12345678901234"), 0);
	assert_int_equal(fs_unlink(root, "12345678901234/12345678901234"), 0);
	assert_int_equal(fs_unlink(root, "12345678901234"), 0);
}

static void unlinked_open_file_lives_until_last_reference(void **state)
{
	(void)state;
	char buf[8];
	struct inode *ip = create("a", FS_T_FILE);
	assert_int_equal(write_at(ip, "data", 0, 4), 4);
	assert_int_equal(fs_link(root, "a", "b"), 0);
	assert_int_equal(ip->d->nlink, 2);
	assert_int_equal(fs_link(root, "a", "b"), -1); /* exists */
	assert_int_equal(fs_link(root, ".", "c"), -1);  /* directories cannot */
	assert_int_equal(fs_link(root, "a", "nodir/c"), -1);
	assert_int_equal(ip->d->nlink, 2);
	assert_int_equal(fs_unlink(root, "a"), 0);
	assert_int_equal(fs_unlink(root, "b"), 0);
	assert_null(path_lookup(root, "b"));
	assert_int_equal(disk_free_blocks(), blocks0 - 1); /* its block, held */
	assert_int_equal(read_at(ip, buf, 0, 4), 4); /* still open: readable */
	assert_int_equal(write_at(ip, "more", 4, 4), 4);
	struct inode *other = create("a", FS_T_FILE); /* a different file */
	assert_ptr_not_equal(other, ip);
	assert_int_equal(read_at(other, buf, 0, 4), 0);
	inode_put(other);
	assert_int_equal(fs_unlink(root, "a"), 0);
	assert_int_equal(inode_free_count(), inodes0 - 1);
	inode_put(ip); /* the last reference frees it */
	assert_int_equal(inode_free_count(), inodes0);
	assert_int_equal(disk_free_blocks(), blocks0);
}

static void full_disk_fails_cleanly(void **state)
{
	(void)state;
	char name[16];
	int n = 0;
	for (;; n++) {
		snprintf(name, sizeof name, "f%d", n);
		struct inode *ip = create(name, FS_T_FILE);
		assert_non_null(ip);
		long r = write_at(ip, pattern, 0, BIGBYTES);
		uint32_t size = ip->d->size;
		inode_put(ip);
		if (r < BIGBYTES) {
			assert_int_equal(size, r); /* what fit stays written */
			break;
		}
	}
	assert_int_equal(disk_free_blocks(), 0);
	assert_null(create("newdir", FS_T_DIR)); /* its '.' needs a block */
	assert_int_equal(fsck_image(disk, sizeof disk, print_problem, NULL), 0);
	for (; n >= 0; n--) {
		snprintf(name, sizeof name, "f%d", n);
		assert_int_equal(fs_unlink(root, name), 0);
	}
	assert_int_equal(disk_free_blocks(), blocks0);
	assert_int_equal(inode_free_count(), inodes0);
}

static void running_out_of_inodes_fails_cleanly(void **state)
{
	(void)state;
	char name[16];
	uint32_t made = 0;
	for (;; made++) {
		snprintf(name, sizeof name, "i%u", made);
		struct inode *ip = create(name, FS_T_FILE);
		if (!ip)
			break;
		inode_put(ip);
	}
	assert_int_equal(made, inodes0);
	assert_null(create("d", FS_T_DIR));
	assert_null(fs_create(root, "n", FS_T_DEVICE, 1, 0));
	assert_int_equal(fsck_image(disk, sizeof disk, print_problem, NULL), 0);
	while (made--) {
		snprintf(name, sizeof name, "i%u", made);
		assert_int_equal(fs_unlink(root, name), 0);
	}
	assert_int_equal(inode_free_count(), inodes0);
}

static void removed_working_directory_resolves_nothing(void **state)
{
	(void)state;
	struct inode *cwd = create("gone", FS_T_DIR);
	assert_int_equal(fs_unlink(root, "gone"), 0);
	assert_null(path_lookup(cwd, ".."));
	assert_null(fs_create(cwd, "x", FS_T_FILE, 0, 0));
	assert_null(fs_open(cwd, "y", O_CREATE | O_RDWR));
	struct inode *abs = path_lookup(cwd, "/README");
	assert_non_null(abs); /* absolute paths still work */
	inode_put(abs);
	inode_put(cwd);
	assert_int_equal(inode_free_count(), inodes0);
}

static void devices_and_open_flags(void **state)
{
	(void)state;
	struct inode *dev = fs_create(root, "console", FS_T_DEVICE, 1, 0);
	assert_non_null(dev);
	assert_null(fs_create(root, "console", FS_T_DEVICE, 1, 0)); /* mknod twice */
	struct stat st;
	inode_stat(dev, &st);
	assert_int_equal(st.type, T_DEVICE);
	assert_int_equal(st.size, 0);
	struct inode *opened = fs_open(root, "console", O_RDWR);
	assert_ptr_equal(opened, dev);
	inode_put(opened);
	struct inode *bad = fs_create(root, "bad", FS_T_DEVICE, 10, 0);
	assert_null(fs_open(root, "bad", O_RDWR)); /* major out of range */
	assert_null(fs_open(root, "", O_CREATE | O_RDWR));
	assert_null(fs_open(root, "missing", O_RDONLY));
	struct inode *readme = fs_open(root, "README", O_RDONLY | O_TRUNC);
	assert_int_equal(readme->d->size, 0); /* O_TRUNC even when read-only */
	inode_put(readme);
	inode_put(bad);
	inode_put(dev);
	assert_int_equal(fs_unlink(root, "bad"), 0);
	assert_int_equal(fs_unlink(root, "console"), 0);
}

/* nlink is a 16-bit count: a link past FS_LINK_MAX must fail instead of
 * wrapping to a count that frees the inode while names still point at it
 * (a regression test: 65,535 links used to wrap it to 0). */
static void link_refuses_at_the_maximum_count(void **state)
{
	(void)state;
	struct inode *ip = path_lookup(root, "README");
	inode_lock(ip);
	ip->d->nlink = FS_LINK_MAX - 1;
	inode_unlock(ip);
	assert_int_equal(fs_link(root, "README", "l1"), 0);
	assert_int_equal(fs_link(root, "README", "l2"), -1);
	assert_int_equal(ip->d->nlink, FS_LINK_MAX);
	assert_null(path_lookup(root, "l2"));
	assert_int_equal(fs_unlink(root, "l1"), 0);
	inode_lock(ip);
	ip->d->nlink = 1;
	inode_unlock(ip);
	inode_put(ip);
}

/* Entries in the root directory whose name is `name`. */
static int entries_named(const char *name)
{
	struct fs_dirent e;
	int n = 0;
	for (uint32_t off = 0; read_at(root, &e, off, sizeof e) == sizeof e;
	     off += sizeof e)
		n += e.inum != 0 && strncmp(e.name, name, FS_NAME_MAX) == 0;
	return n;
}

/* With every inode-cache slot taken, a name that exists must still count
 * as taken (a regression test: the lookup could not get a slot for the
 * existing file, reported "no such name", and link added a second "x"). */
static void link_onto_existing_name_fails_with_full_inode_cache(void **state)
{
	(void)state;
	char name[16];
	struct inode *held[FS_NINODE];
	int n = 0;
	inode_put(create("x", FS_T_FILE)); /* exists, not in the cache */
	held[n++] = path_lookup(root, "README");
	for (;; n++) {
		snprintf(name, sizeof name, "h%d", n);
		if (!(held[n] = create(name, FS_T_FILE)))
			break;
	}
	assert_int_equal(n + 1, FS_NINODE); /* the fixture holds root */
	assert_int_equal(fs_link(root, "README", "x"), -1);
	assert_int_equal(entries_named("x"), 1);
	while (n-- > 1) {
		inode_put(held[n]);
		snprintf(name, sizeof name, "h%d", n);
		assert_int_equal(fs_unlink(root, name), 0);
	}
	inode_put(held[0]);
	assert_int_equal(fs_unlink(root, "x"), 0);
	assert_int_equal(inode_free_count(), inodes0);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(mount_rejects_what_is_not_a_file_system),
		T(create_write_read_truncate),
		T(big_file_through_double_indirect),
		T(directories_and_dotdot),
		T(names_truncate_at_fourteen_bytes),
		T(unlinked_open_file_lives_until_last_reference),
		T(full_disk_fails_cleanly),
		T(running_out_of_inodes_fails_cleanly),
		T(removed_working_directory_resolves_nothing),
		T(devices_and_open_flags),
		T(link_refuses_at_the_maximum_count),
		T(link_onto_existing_name_fails_with_full_inode_cache),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
