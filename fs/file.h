/*
 * Open files: what a file descriptor points at.  fork and dup share one
 * struct file, and with it the offset.  A file is an inode (regular file
 * or directory) or a device, which reads and writes through the device
 * table, or one end of a pipe.  docs/fs.md.
 */
#pragma once

#include <stdint.h>

#include "fs/inode.h"
#include "fs/io_buf.h"

#define NFILE 100 /* open files system-wide (xv6's NFILE) */

enum file_kind { FILE_FREE, FILE_INODE, FILE_DEVICE, FILE_PIPE };

struct pipe;

struct file {
	enum file_kind kind;
	int refs;            /* protected by the file table lock */
	int readable, writable;
	struct inode *ip;    /* FILE_INODE, FILE_DEVICE */
	struct pipe *pipe;   /* FILE_PIPE */
	uint32_t off;        /* FILE_INODE; protected by ip's lock */
};

/* A device driver: both return bytes transferred or -1. */
struct device {
	long (*read)(struct io_buf dst, uint32_t n);
	long (*write)(struct io_buf src, uint32_t n);
};

void file_register_device(int major, const struct device *dev);

/* Opens path (open(2)'s flags) relative to cwd; 0 on any failure. */
struct file *file_open(struct inode *cwd, const char *path, int flags);
/* A new pipe (fs/pipe.c) and a file for each end, read end and write end;
 * -1 (nothing allocated) if out of files or memory. */
int file_open_pipe(struct file **rf, struct file **wf);
struct file *file_dup(struct file *f);
void file_close(struct file *f);

long file_read(struct file *f, struct io_buf dst, uint32_t n);
long file_write(struct file *f, struct io_buf src, uint32_t n);
/* Copies a struct stat to dst; -1 for files without an inode. */
int file_stat(struct file *f, struct io_buf dst);

int file_free_count(void); /* for the leak checks of the tests */
