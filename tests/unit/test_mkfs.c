/*
 * mkfs builds consistent images and refuses bad requests without writing;
 * fsck finds each kind of damage done to a good image.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tools/fs/fsck.h"
#include "tools/fs/mkfs.h"
#include "include/fs_format.h"
#include "fs/inode.h"

#define NBLOCKS 700
#define NINODES 32

static uint8_t img[NBLOCKS * FS_BLOCK_SIZE];
static char err[256];
/* A file reaching two indirect blocks into the doubly indirect range. */
#define BIG_BLOCKS (FS_NDIRECT + FS_NINDIRECT + FS_NINDIRECT + 2)
static uint8_t big[BIG_BLOCKS * FS_BLOCK_SIZE];

static int build(const struct mkfs_file *files, int n)
{
	return mkfs_build(img, NBLOCKS, NINODES, files, n, err, sizeof err);
}

static int problems(void)
{
	return fsck_image(img, sizeof img, NULL, NULL);
}

static struct fs_superblock *sb(void)
{
	return (struct fs_superblock *)(img + FS_SUPERBLOCK * FS_BLOCK_SIZE);
}

static struct fs_dinode *dinode(uint32_t inum)
{
	return (struct fs_dinode *)(img + (size_t)(sb()->inode_start +
		inum / FS_INODES_PER_BLOCK) * FS_BLOCK_SIZE) +
	       inum % FS_INODES_PER_BLOCK;
}

static const struct mkfs_file two_files[] = {
	{ "README", (const uint8_t *)"hello\n", 6 },
	{ "big", big, sizeof big },
};

static void built_image_is_consistent(void **state)
{
	(void)state;
	assert_int_equal(build(two_files, 2), 0);
	assert_int_equal(problems(), 0);
	assert_int_equal(sb()->magic, FS_MAGIC);
	assert_int_equal(dinode(FS_ROOT_INUM)->type, FS_T_DIR);
	assert_int_equal(dinode(FS_ROOT_INUM)->size, 4 * sizeof(struct fs_dirent));
	assert_int_equal(dinode(3)->size, sizeof big);
	assert_int_not_equal(dinode(3)->addrs[FS_NDIRECT], 0);
	assert_int_not_equal(dinode(3)->addrs[FS_NDIRECT + 1], 0);
	/* every block of the file holds what mkfs was given */
	for (size_t i = 0; i < sizeof big; i++)
		big[i] = (uint8_t)(i / FS_BLOCK_SIZE * 3 + i);
	assert_int_equal(build(two_files, 2), 0);
	const uint32_t *d2 = (const uint32_t *)(img + (size_t)dinode(3)->addrs[
		FS_NDIRECT + 1] * FS_BLOCK_SIZE);
	const uint32_t *mid = (const uint32_t *)(img + (size_t)d2[1] *
						 FS_BLOCK_SIZE);
	assert_memory_equal(img + (size_t)mid[1] * FS_BLOCK_SIZE,
			    big + (size_t)(BIG_BLOCKS - 1) * FS_BLOCK_SIZE,
			    FS_BLOCK_SIZE);
	assert_int_equal(mid[2], 0);
	assert_int_equal(problems(), 0);
}

static void empty_image_is_consistent(void **state)
{
	(void)state;
	assert_int_equal(build(NULL, 0), 0);
	assert_int_equal(problems(), 0);
}

/* A refused request must not have touched the image. */
static void expect_refusal(const struct mkfs_file *files, int n,
			   uint32_t nblocks, uint32_t ninodes, const char *why)
{
	memset(img, 0xab, sizeof img);
	assert_int_equal(mkfs_build(img, nblocks, ninodes, files, n, err,
				    sizeof err), -1);
	assert_non_null(strstr(err, why));
	for (size_t i = 0; i < sizeof img; i += 997)
		assert_int_equal(img[i], 0xab);
}

static void bad_requests_are_refused(void **state)
{
	(void)state;
	const uint8_t x[1] = { 0 };
	struct mkfs_file long_name = { "fifteen-chars-x", x, 1 };
	struct mkfs_file dup[2] = { { "a", x, 1 }, { "a", x, 1 } };
	struct mkfs_file dot = { "..", x, 1 }, slash = { "a/b", x, 1 };
	struct mkfs_file empty_name = { "", x, 1 };
	/* refused by its size, before a byte is read */
	struct mkfs_file too_big = { "big", big,
				     (FS_MAXFILE_BLOCKS + 1) * FS_BLOCK_SIZE };
	expect_refusal(&long_name, 1, NBLOCKS, NINODES, "names are 1 to 14");
	expect_refusal(&empty_name, 1, NBLOCKS, NINODES, "names are 1 to 14");
	expect_refusal(dup, 2, NBLOCKS, NINODES, "given twice");
	expect_refusal(&dot, 1, NBLOCKS, NINODES, "cannot be a file name");
	expect_refusal(&slash, 1, NBLOCKS, NINODES, "cannot be a file name");
	expect_refusal(&too_big, 1, NBLOCKS, NINODES, "the limit is");
	expect_refusal(two_files, 2, 200, NINODES, "too few");
	expect_refusal(two_files, 2, NBLOCKS, 3, "inodes");
	expect_refusal(NULL, 0, NBLOCKS, 1, "inode count");
	expect_refusal(NULL, 0, 4, NINODES, "too few");
}

static void fsck_finds_a_flipped_bitmap_bit(void **state)
{
	(void)state;
	assert_int_equal(build(two_files, 2), 0);
	img[sb()->bitmap_start * FS_BLOCK_SIZE + 40] ^= 0x10; /* block 324, free */
	assert_int_equal(problems(), 1);
}

static void fsck_finds_a_wrong_link_count(void **state)
{
	(void)state;
	assert_int_equal(build(two_files, 2), 0);
	dinode(2)->nlink = 2;
	assert_int_equal(problems(), 1);
}

/* A directory claiming a size far above the largest file must be reported,
 * not walked past the end of its indirect block (a regression test: fsck
 * read beyond the image and crashed). */
static void fsck_survives_a_huge_directory_size(void **state)
{
	(void)state;
	assert_int_equal(build(two_files, 2), 0);
	struct fs_dinode *root = dinode(FS_ROOT_INUM);
	root->addrs[FS_NDIRECT] = dinode(3)->addrs[FS_NDIRECT]; /* big's */
	root->size = 0x7ffffff0;
	assert_true(problems() > 0);
}

static void fsck_finds_a_block_used_twice(void **state)
{
	(void)state;
	assert_int_equal(build(two_files, 2), 0);
	dinode(3)->addrs[0] = dinode(2)->addrs[0];
	/* block used twice, and big's own first block now unused but marked */
	assert_int_equal(problems(), 2);
}

static void fsck_finds_an_entry_for_a_free_inode(void **state)
{
	(void)state;
	assert_int_equal(build(two_files, 2), 0);
	memset(dinode(2), 0, sizeof(struct fs_dinode));
	/* the entry is dangling and README's block is now marked but unused */
	assert_int_equal(problems(), 2);
}

static void fsck_finds_a_hole_and_an_orphan(void **state)
{
	(void)state;
	assert_int_equal(build(two_files, 2), 0);
	dinode(2)->size = 3000; /* three blocks, but it has one */
	assert_int_equal(problems(), 2);
	assert_int_equal(build(two_files, 2), 0);
	dinode(9)->type = FS_T_FILE; /* allocated, in no directory */
	dinode(9)->nlink = 1;
	assert_int_equal(problems(), 1);
}

static void fsck_refuses_a_bad_superblock(void **state)
{
	(void)state;
	assert_int_equal(build(two_files, 2), 0);
	sb()->magic ^= 1;
	assert_int_equal(problems(), 1);
	assert_int_equal(build(two_files, 2), 0);
	sb()->nblocks = NBLOCKS * 2;
	assert_int_equal(problems(), 1);
	assert_int_equal(fsck_image(img, FS_BLOCK_SIZE, NULL, NULL), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(built_image_is_consistent),
		cmocka_unit_test(empty_image_is_consistent),
		cmocka_unit_test(bad_requests_are_refused),
		cmocka_unit_test(fsck_finds_a_flipped_bitmap_bit),
		cmocka_unit_test(fsck_finds_a_wrong_link_count),
		cmocka_unit_test(fsck_finds_a_block_used_twice),
		cmocka_unit_test(fsck_finds_an_entry_for_a_free_inode),
		cmocka_unit_test(fsck_finds_a_hole_and_an_orphan),
		cmocka_unit_test(fsck_refuses_a_bad_superblock),
		cmocka_unit_test(fsck_survives_a_huge_directory_size),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
