/* Pipes: a 512-byte ring between a read end and a write end.  docs/fs.md. */
#pragma once

#include <stdint.h>

#include "fs/io_buf.h"

#define PIPE_SIZE 512 /* xv6's PIPESIZE */

struct pipe;

/* A new pipe with both ends open (fs/file.c gives each end a file); 0 if
 * out of memory.  Each end is closed once; the last close frees it. */
struct pipe *pipe_alloc(void);
void pipe_close(struct pipe *pi, int write_end);
/* Blocks while empty and a writer remains: 1..n bytes, 0 at end of file,
 * -1 if the destination is invalid or the caller is killed. */
long pipe_read(struct pipe *pi, struct io_buf dst, uint32_t n);
/* Blocks while full: n, or -1 when no reader remains or the caller is
 * killed; the count so far if the source turns invalid. */
long pipe_write(struct pipe *pi, struct io_buf src, uint32_t n);
int pipe_count(void); /* pipes with an end open, for leak checks */
