/* Open files over an in-memory disk: offsets, modes, devices, the table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "cow_fixture.h"
#include "fs/file.h"
#include "tools/fs/fsck.h"
#include "tools/fs/mkfs.h"
#include "fs/pipe.h"
#include "include/fcntl.h"
#include "fs/inode.h"
#include "fs/io_buf.h"
#include "fs/disk.h"
#include "fs/fs.h"

#define NBLOCKS 300

static uint8_t disk[NBLOCKS * FS_BLOCK_SIZE];
static struct inode *root;
static int files0;

static int setup(void **state)
{
	char err[128];
	static const struct mkfs_file files[] = {
		{ "README", (const uint8_t *)"0123456789", 10 },
	};
	assert_int_equal(mkfs_build(disk, NBLOCKS, 40, files, 1, err, sizeof err), 0);
	assert_int_equal(disk_mount(disk, sizeof disk), 0);
	root = inode_get(FS_ROOT_INUM);
	files0 = file_free_count();
	return cow_setup(state);
}

static int teardown(void **state)
{
	inode_put(root);
	assert_int_equal(file_free_count(), files0);
	assert_int_equal(fsck_image(disk, sizeof disk, NULL, NULL), 0);
	return cow_teardown(state);
}

static struct io_buf kbuf(const void *p)
{
	return (struct io_buf){ 0, (uintptr_t)p };
}

static void dup_shares_the_offset(void **state)
{
	(void)state;
	char a[4] = { 0 }, b[4] = { 0 };
	struct file *f = file_open(root, "README", O_RDONLY);
	struct file *g = file_dup(f);
	assert_int_equal(file_read(f, kbuf(a), 3), 3);
	assert_int_equal(file_read(g, kbuf(b), 3), 3);
	assert_memory_equal(a, "012", 3);
	assert_memory_equal(b, "345", 3);
	file_close(g);
	file_close(f);
	struct file *h = file_open(root, "README", O_RDONLY); /* its own offset */
	assert_int_equal(file_read(h, kbuf(a), 3), 3);
	assert_memory_equal(a, "012", 3);
	file_close(h);
}

static void modes_are_enforced(void **state)
{
	(void)state;
	char c = 0; /* file_read fills it through an address clang cannot follow */
	struct file *ro = file_open(root, "README", O_RDONLY);
	struct file *wo = file_open(root, "README", O_WRONLY);
	assert_int_equal(file_write(ro, kbuf("x"), 1), -1);
	assert_int_equal(file_read(wo, kbuf(&c), 1), -1);
	assert_int_equal(file_write(wo, kbuf("ab"), 2), 2);
	assert_int_equal(file_read(ro, kbuf(&c), 1), 1);
	assert_int_equal(c, 'a');
	file_close(ro);
	file_close(wo);
}

static void directories_read_raw_entries(void **state)
{
	(void)state;
	struct fs_dirent e[3];
	struct file *d = file_open(root, ".", O_RDONLY);
	assert_int_equal(file_read(d, kbuf(e), sizeof e), 3 * sizeof e[0]);
	assert_int_equal(e[0].inum, FS_ROOT_INUM);
	assert_string_equal(e[1].name, "..");
	assert_memory_equal(e[2].name, "README", 7); /* NUL-padded */
	assert_int_equal(file_write(d, kbuf("x"), 1), -1);
	struct stat st;
	assert_int_equal(file_stat(d, kbuf(&st)), 0);
	assert_int_equal(st.type, T_DIR);
	file_close(d);
}

static char device_log[16];
static long fake_read(struct io_buf dst, uint32_t n)
{
	memset((void *)dst.addr, 'd', n);
	return n;
}
static long fake_write(struct io_buf src, uint32_t n)
{
	memcpy(device_log, (const void *)src.addr, n < 16 ? n : 16);
	return n;
}
static const struct device fake = { fake_read, fake_write };

static void devices_dispatch_by_major(void **state)
{
	(void)state;
	char buf[3];
	file_register_device(3, &fake);
	struct inode *n = fs_create(root, "dev3", FS_T_DEVICE, 3, 0);
	struct inode *m = fs_create(root, "dev4", FS_T_DEVICE, 4, 0);
	inode_put(n);
	inode_put(m);
	struct file *f = file_open(root, "dev3", O_RDWR);
	assert_int_equal(file_read(f, kbuf(buf), 3), 3);
	assert_memory_equal(buf, "ddd", 3);
	assert_int_equal(file_write(f, kbuf("hey"), 3), 3);
	assert_memory_equal(device_log, "hey", 3);
	struct stat st;
	assert_int_equal(file_stat(f, kbuf(&st)), 0);
	assert_int_equal(st.type, T_DEVICE);
	file_close(f);
	struct file *nodriver = file_open(root, "dev4", O_RDWR);
	assert_int_equal(file_read(nodriver, kbuf(buf), 1), -1);
	file_close(nodriver);
	assert_int_equal(fs_unlink(root, "dev3"), 0);
	assert_int_equal(fs_unlink(root, "dev4"), 0);
}

static void the_table_runs_out_and_recovers(void **state)
{
	(void)state;
	struct file *open[NFILE + 1]; /* the last slot takes the failure */
	int n = 0;
	while ((open[n] = file_open(root, "README", O_RDONLY)) != 0)
		n++;
	assert_int_equal(n, files0);
	assert_null(file_open(root, "README", O_RDONLY));
	while (n--)
		file_close(open[n]);
}

/* A write from a user buffer that turns invalid midway keeps its prefix,
 * reports -1, and leaves the offset after the prefix. */
static void partial_user_write_moves_offset_past_prefix(void **state)
{
	(void)state;
	struct vm_space vs;
	char back[16];
	space_create(&vs);
	fill_pages(&vs, 0x10000, 1, 0);
	struct file *f = file_open(root, "out", O_CREATE | O_RDWR);
	assert_int_equal(file_write(f, (struct io_buf){ &vs, 0x10000 + PAGE_SIZE - 5 }, 10), -1);
	assert_int_equal(f->off, 5);
	assert_int_equal(file_write(f, kbuf("tail"), 4), 4);
	struct file *r = file_open(root, "out", O_RDONLY);
	assert_int_equal(file_read(r, kbuf(back), sizeof back), 9);
	assert_memory_equal(back + 5, "tail", 4);
	file_close(r);
	file_close(f);
	vm_space_destroy(&vs);
	assert_int_equal(fs_unlink(root, "out"), 0);
}

static void pipe_delivers_bytes_in_order_across_the_wrap(void **state)
{
	(void)state;
	struct file *r, *w;
	char in[PIPE_SIZE], out[PIPE_SIZE];
	assert_int_equal(file_open_pipe(&r, &w), 0);
	for (int round = 0; round < 3; round++) { /* 3 x 400 bytes wraps */
		for (int i = 0; i < 400; i++)
			in[i] = (char)(round * 7 + i);
		assert_int_equal(file_write(w, kbuf(in), 400), 400);
		assert_int_equal(file_read(r, kbuf(out), 250), 250);
		assert_int_equal(file_read(r, kbuf(out + 250), 400), 150);
		assert_memory_equal(in, out, 400);
	}
	file_close(r);
	file_close(w);
	assert_int_equal(pipe_count(), 0);
}

static void pipe_fills_to_exactly_its_size(void **state)
{
	(void)state;
	struct file *r, *w;
	static char big[PIPE_SIZE];
	assert_int_equal(file_open_pipe(&r, &w), 0);
	/* Exactly full needs no waiting (the host's proc_sleep would fail). */
	assert_int_equal(file_write(w, kbuf(big), PIPE_SIZE), PIPE_SIZE);
	file_close(w);
	assert_int_equal(file_read(r, kbuf(big), PIPE_SIZE), PIPE_SIZE);
	file_close(r);
}

static void pipe_reads_end_of_file_once_writers_are_gone(void **state)
{
	(void)state;
	struct file *r, *w;
	char buf[8];
	assert_int_equal(file_open_pipe(&r, &w), 0);
	struct file *w2 = file_dup(w);
	assert_int_equal(file_write(w, kbuf("hello"), 5), 5);
	file_close(w);
	assert_int_equal(file_read(r, kbuf(buf), sizeof buf), 5);
	file_close(w2);
	assert_int_equal(file_read(r, kbuf(buf), sizeof buf), 0);
	assert_int_equal(file_read(r, kbuf(buf), sizeof buf), 0);
	file_close(r);
}

static void pipe_write_without_reader_fails(void **state)
{
	(void)state;
	struct file *r, *w;
	assert_int_equal(file_open_pipe(&r, &w), 0);
	file_close(r);
	assert_int_equal(file_write(w, kbuf("x"), 1), -1);
	file_close(w);
	assert_int_equal(pipe_count(), 0);
}

static void pipe_read_to_bad_address_fails_and_keeps_data(void **state)
{
	(void)state;
	struct file *r, *w;
	struct vm_space vs;
	char buf[4];
	struct stat st;
	assert_int_equal(vm_space_create(&vs), 0);
	assert_int_equal(file_open_pipe(&r, &w), 0);
	assert_int_equal(file_write(w, kbuf("abc"), 3), 3);
	struct io_buf bad = { &vs, 0x1000 }; /* nothing mapped there */
	assert_int_equal(file_read(r, bad, 3), -1);
	assert_int_equal(file_read(r, kbuf(buf), 3), 3);
	assert_memory_equal(buf, "abc", 3);
	assert_int_equal(file_stat(r, kbuf(&st)), -1); /* pipes have no inode */
	assert_int_equal(file_read(w, kbuf(buf), 1), -1); /* wrong end */
	assert_int_equal(file_write(r, kbuf(buf), 1), -1);
	file_close(r);
	file_close(w);
	vm_space_destroy(&vs);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(dup_shares_the_offset),
		T(modes_are_enforced),
		T(directories_read_raw_entries),
		T(devices_dispatch_by_major),
		T(the_table_runs_out_and_recovers),
		T(partial_user_write_moves_offset_past_prefix),
		T(pipe_delivers_bytes_in_order_across_the_wrap),
		T(pipe_fills_to_exactly_its_size),
		T(pipe_reads_end_of_file_once_writers_are_gone),
		T(pipe_write_without_reader_fails),
		T(pipe_read_to_bad_address_fails_and_keeps_data),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
