/*
 * The kernel's file system driven the way system calls drive it: each
 * input is a script of operations (open/create, mkdir, mknod, link,
 * unlink, write, read, close, chdir, dup) over a small set of names, run
 * on a fresh image.  Checked as it runs: what was written reads back, a
 * read returns what the size says.  Checked at the end, once every
 * reference is dropped: fsck finds the disk consistent.  This is where
 * the link-count wrap and the duplicate names of issue 11 would show.
 */
#include <string.h>

#include "fs/fs.h"
#include "tools/fs/fsck.h"
#include "tools/fs/mkfs.h"
#include "fuzz.h"
#include "include/fcntl.h"
#include "fs/path.h"
#include "fs/inode.h"
#include "fs/io_buf.h"
#include "fs/disk.h"

#define NBLOCKS 320  /* small enough that disks fill */
#define NINODES 64   /* more than the inode cache's FS_NINODE */
#define NHANDLES 56  /* enough open files to fill the inode cache */
#define MAXBYTES (FS_MAXFILE_BLOCKS * FS_BLOCK_SIZE)
#define MAXIO (0xffff * 4) /* the largest n an operation takes */

struct handle {
	struct inode *ip;
	int writable;
};

static uint8_t disk[NBLOCKS * FS_BLOCK_SIZE];
static uint8_t wbuf[MAXIO], rbuf[MAXIO];
static struct handle handles[NHANDLES];
static struct inode *cwd;

/* The script: bytes taken one at a time, zeros once it runs out. */
static const uint8_t *script;
static size_t script_len, script_pos;

static uint8_t take(void)
{
	return script_pos < script_len ? script[script_pos++] : 0;
}

static uint32_t take16(void)
{
	uint32_t hi = take();
	return hi << 8 | take();
}

/* One to three components, absolute or not; the long name is cut to 14
 * bytes by the kernel, so it and its prefix are the same file. */
static void take_path(char *path, size_t len)
{
	static const char *const parts[] = { "a", "b", "c", "d", ".", "..",
					     "fourteen-bytes", "fourteen-bytes+" };
	uint8_t shape = take();
	int n = 1 + shape % 3;
	path[0] = 0;
	if (shape & 0x80)
		strcat(path, "/");
	for (int i = 0; i < n; i++) {
		if (i)
			strcat(path, "/");
		strcat(path, parts[take() % 8]);
	}
	FUZZ_CHECK(strlen(path) < len);
}

static struct io_buf kbuf(void *p)
{
	return (struct io_buf){ 0, (uintptr_t)p };
}

static void keep(struct inode *ip, int writable)
{
	for (int i = 0; i < NHANDLES; i++)
		if (!handles[i].ip) {
			handles[i] = (struct handle){ ip, writable };
			return;
		}
	inode_put(ip);
}

static struct handle *take_handle(void)
{
	struct handle *h = &handles[take() % NHANDLES];
	return h->ip ? h : 0;
}

static int16_t type_of(struct inode *ip)
{
	inode_lock(ip);
	int16_t t = ip->d->type;
	inode_unlock(ip);
	return t;
}

static void op_open(void)
{
	char path[64];
	static const int modes[] = { O_RDONLY, O_WRONLY, O_RDWR, O_RDWR };
	uint8_t f = take();
	int flags = modes[f % 4] | (f & 4 ? O_CREATE : 0) | (f & 8 ? O_TRUNC : 0);
	take_path(path, sizeof path);
	struct inode *ip = fs_open(cwd, path, flags);
	if (ip) {
		FUZZ_CHECK(type_of(ip) != FS_T_DIR || flags == O_RDONLY);
		keep(ip, (flags & (O_WRONLY | O_RDWR)) != 0);
	}
}

static void op_make(int16_t type)
{
	char path[64];
	int16_t major = type == FS_T_DEVICE ? (int16_t)(take() % (NDEV + 2)) : 0;
	take_path(path, sizeof path);
	struct inode *ip = fs_create(cwd, path, type, major, 0);
	if (ip)
		inode_put(ip);
}

static void op_link(void)
{
	char old[64], new[64];
	take_path(old, sizeof old);
	take_path(new, sizeof new);
	fs_link(cwd, old, new);
}

static void op_unlink(void)
{
	char path[64];
	take_path(path, sizeof path);
	fs_unlink(cwd, path);
}

/* A write lands whole or short (disk full), never past MAXBYTES, and
 * reads back as written. */
static void op_write(void)
{
	struct handle *h = take_handle();
	uint32_t off = take16() * 5, n = take16() * 4;
	uint8_t fill = take();
	if (!h || !h->writable || type_of(h->ip) != FS_T_FILE)
		return;
	memset(wbuf, fill, n);
	inode_lock(h->ip);
	uint32_t size = h->ip->d->size;
	long r = inode_write(h->ip, kbuf(wbuf), off, n);
	if (off > size || (uint64_t)off + n > MAXBYTES) {
		FUZZ_CHECK(r == -1 && h->ip->d->size == size);
	} else {
		FUZZ_CHECK(r >= 0 && r <= n);
		FUZZ_CHECK(h->ip->d->size >= off + r);
		FUZZ_CHECK(inode_read(h->ip, kbuf(rbuf), off, (uint32_t)r) == r);
		FUZZ_CHECK(memcmp(rbuf, wbuf, (size_t)r) == 0);
	}
	inode_unlock(h->ip);
}

/* A read returns what lies between off and the end, at most n bytes. */
static void op_read(void)
{
	struct handle *h = take_handle();
	uint32_t off = take16() * 5, n = take16() * 4;
	if (!h || type_of(h->ip) == FS_T_DEVICE)
		return;
	inode_lock(h->ip);
	uint32_t size = h->ip->d->size;
	long r = inode_read(h->ip, kbuf(rbuf), off, n);
	uint32_t want = off >= size ? 0 : size - off < n ? size - off : n;
	FUZZ_CHECK(r == want);
	inode_unlock(h->ip);
}

static void op_close(void)
{
	struct handle *h = take_handle();
	if (h) {
		inode_put(h->ip);
		h->ip = 0;
	}
}

static void op_chdir(void)
{
	char path[64];
	take_path(path, sizeof path);
	struct inode *ip = path_lookup(cwd, path);
	if (!ip)
		return;
	if (type_of(ip) != FS_T_DIR) {
		inode_put(ip);
		return;
	}
	inode_put(cwd);
	cwd = ip;
}

static void op_dup(void)
{
	struct handle *h = take_handle();
	if (h)
		keep(inode_dup(h->ip), h->writable);
}

static void op_mkdir(void)
{
	op_make(FS_T_DIR);
}

static void op_mknod(void)
{
	op_make(FS_T_DEVICE);
}

static void op_create(void)
{
	op_make(FS_T_FILE);
}

static void run_script(void)
{
	void (*const ops[])(void) = { op_open, op_create, op_mkdir, op_mknod,
				      op_link, op_unlink, op_write, op_read,
				      op_close, op_chdir, op_dup };
	while (script_pos < script_len)
		ops[take() % (sizeof ops / sizeof ops[0])]();
}

static void report(void *ctx, const char *problem)
{
	(void)ctx;
	fuzz_fail(problem);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct mkfs_file files[] = {
		{ "a", (const uint8_t *)"first file\n", 11 },
	};
	char err[128];
	FUZZ_CHECK(mkfs_build(disk, NBLOCKS, NINODES, files, 1, err,
			      sizeof err) == 0);
	FUZZ_CHECK(disk_mount(disk, sizeof disk) == 0);
	script = data;
	script_len = size;
	script_pos = 0;
	cwd = inode_get(FS_ROOT_INUM);
	run_script();
	for (int i = 0; i < NHANDLES; i++)
		if (handles[i].ip) {
			inode_put(handles[i].ip);
			handles[i].ip = 0;
		}
	inode_put(cwd);
	fsck_image(disk, sizeof disk, report, 0);
	return 0;
}
