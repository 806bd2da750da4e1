/*
 * The open-file table: NFILE struct files shared by every process.  The
 * table lock guards reference counts only; reading and writing an inode
 * file holds the inode's lock for the whole transfer and the offset
 * update, so two writers sharing an offset each append whole.
 */
#include "fs/file.h"

#include "fs/pipe.h"
#include "include/fcntl.h"
#include "arch/panic.h"
#include "fs/inode.h"
#include "fs/io_buf.h"
#include "fs/fs.h"

static struct {
	struct spinlock lock;
	struct file file[NFILE];
} table = { .lock = SPINLOCK_INIT("file table") };

static const struct device *devices[NDEV];

void file_register_device(int major, const struct device *dev)
{
	devices[major] = dev;
}

static struct file *file_alloc(void)
{
	spin_lock(&table.lock);
	for (int i = 0; i < NFILE; i++) {
		struct file *f = &table.file[i];
		if (f->refs == 0) {
			*f = (struct file){ .refs = 1 };
			spin_unlock(&table.lock);
			return f;
		}
	}
	spin_unlock(&table.lock);
	return 0;
}

struct file *file_open(struct inode *cwd, const char *path, int flags)
{
	struct inode *ip = fs_open(cwd, path, flags);
	if (!ip)
		return 0;
	struct file *f = file_alloc();
	if (!f) {
		inode_put(ip);
		return 0;
	}
	f->kind = ip->d->type == FS_T_DEVICE ? FILE_DEVICE : FILE_INODE;
	f->ip = ip;
	f->readable = !(flags & O_WRONLY);
	f->writable = (flags & O_WRONLY) || (flags & O_RDWR);
	return f;
}

/* Gives back a file that was never used, without closing what it names. */
static void file_abandon(struct file *f)
{
	spin_lock(&table.lock);
	f->refs = 0;
	f->kind = FILE_FREE;
	spin_unlock(&table.lock);
}

static struct file *pipe_end(struct pipe *pi, int write_end)
{
	struct file *f = file_alloc();
	if (f) {
		f->kind = FILE_PIPE;
		f->pipe = pi;
		f->readable = !write_end;
		f->writable = write_end;
	}
	return f;
}

int file_open_pipe(struct file **rf, struct file **wf)
{
	struct pipe *pi = pipe_alloc();
	if (!pi)
		return -1;
	*rf = pipe_end(pi, 0);
	*wf = *rf ? pipe_end(pi, 1) : 0;
	if (!*wf) {
		if (*rf)
			file_abandon(*rf);
		pipe_close(pi, 0);
		pipe_close(pi, 1); /* the last close frees it */
		return -1;
	}
	return 0;
}

struct file *file_dup(struct file *f)
{
	spin_lock(&table.lock);
	if (f->refs < 1)
		panic("file_dup: file has no references");
	f->refs++;
	spin_unlock(&table.lock);
	return f;
}

void file_close(struct file *f)
{
	spin_lock(&table.lock);
	if (f->refs < 1)
		panic("file_close: file has no references");
	if (--f->refs > 0) {
		spin_unlock(&table.lock);
		return;
	}
	struct file closing = *f;
	f->kind = FILE_FREE;
	spin_unlock(&table.lock);
	if (closing.kind == FILE_PIPE)
		pipe_close(closing.pipe, closing.writable);
	else if (closing.ip)
		inode_put(closing.ip);
}

static const struct device *device_of(struct file *f)
{
	int16_t major = f->ip->d->major;
	return major >= 0 && major < NDEV ? devices[major] : 0;
}

long file_read(struct file *f, struct io_buf dst, uint32_t n)
{
	if (!f->readable)
		return -1;
	if (f->kind == FILE_PIPE)
		return pipe_read(f->pipe, dst, n);
	if (f->kind == FILE_DEVICE) {
		const struct device *dev = device_of(f);
		return dev && dev->read ? dev->read(dst, n) : -1;
	}
	inode_lock(f->ip);
	long r = inode_read(f->ip, dst, f->off, n);
	if (r > 0)
		f->off += (uint32_t)r;
	inode_unlock(f->ip);
	return r;
}

long file_write(struct file *f, struct io_buf src, uint32_t n)
{
	if (!f->writable)
		return -1;
	if (f->kind == FILE_PIPE)
		return pipe_write(f->pipe, src, n);
	if (f->kind == FILE_DEVICE) {
		const struct device *dev = device_of(f);
		return dev && dev->write ? dev->write(src, n) : -1;
	}
	inode_lock(f->ip);
	long r = inode_write(f->ip, src, f->off, n);
	if (r > 0)
		f->off += (uint32_t)r; /* past a stored prefix, too */
	inode_unlock(f->ip);
	/* All or nothing for the caller, as xv6 programs expect. */
	return r == (long)n ? r : -1;
}

int file_stat(struct file *f, struct io_buf dst)
{
	struct stat st; /* inode_stat clears it, padding included */
	if (f->kind == FILE_PIPE)
		return -1;
	inode_lock(f->ip);
	inode_stat(f->ip, &st);
	inode_unlock(f->ip);
	return io_copy_out(dst, 0, &st, sizeof st);
}

int file_free_count(void)
{
	int n = 0;
	spin_lock(&table.lock);
	for (int i = 0; i < NFILE; i++)
		n += table.file[i].refs == 0;
	spin_unlock(&table.lock);
	return n;
}
