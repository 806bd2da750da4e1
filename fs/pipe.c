/*
 * A pipe lives in one frame: lock, counters and the ring buffer.  nread
 * and nwrite only grow (mod 2^32); their difference is how full the ring
 * is.  Readers sleep on &nread's pipe waiting for data, writers on &nwrite
 * waiting for room; each side wakes the other after making progress.
 */
#include "fs/pipe.h"

#include "mm/frame.h"
#include "proc/sched/proc.h"
#include "mm/fastpath.h"
#include "proc/sched/sleep.h"
#include "fs/io_buf.h"

struct pipe {
	struct spinlock lock;
	uint32_t nread, nwrite;
	int reader_open, writer_open;
	uint8_t data[PIPE_SIZE];
};

_Static_assert(sizeof(struct pipe) <= PAGE_SIZE, "a pipe fits in a frame");

static int pipes_open;

struct pipe *pipe_alloc(void)
{
	paddr_t pa = frame_alloc(FRAME_ZERO);
	if (!pa)
		return 0;
	struct pipe *pi = pa_to_kva(pa);
	spin_init(&pi->lock, "pipe");
	pi->reader_open = pi->writer_open = 1;
	__atomic_fetch_add(&pipes_open, 1, __ATOMIC_RELAXED);
	return pi;
}

void pipe_close(struct pipe *pi, int write_end)
{
	spin_lock(&pi->lock);
	if (write_end) {
		pi->writer_open = 0;
		proc_wakeup(&pi->nread);
	} else {
		pi->reader_open = 0;
		proc_wakeup(&pi->nwrite);
	}
	int last = !pi->reader_open && !pi->writer_open;
	spin_unlock(&pi->lock);
	if (last) {
		frame_unref(kva_to_pa(pi));
		__atomic_fetch_sub(&pipes_open, 1, __ATOMIC_RELAXED);
	}
}

/* Copies up to want bytes out of the ring at nread; how many it did, or
 * -1 if dst is invalid (nothing is consumed then). */
static long ring_take(struct pipe *pi, struct io_buf dst, uint32_t done,
		      uint32_t want)
{
	uint32_t avail = pi->nwrite - pi->nread;
	uint32_t n = want < avail ? want : avail;
	uint32_t at = pi->nread % PIPE_SIZE;
	uint32_t first = n < PIPE_SIZE - at ? n : PIPE_SIZE - at;
	if (io_copy_out(dst, done, &pi->data[at], first) ||
	    io_copy_out(dst, done + first, &pi->data[0], n - first))
		return -1;
	pi->nread += n;
	return n;
}

long pipe_read(struct pipe *pi, struct io_buf dst, uint32_t n)
{
	spin_lock(&pi->lock);
	while (pi->nread == pi->nwrite && pi->writer_open) {
		if (proc_current_killed()) {
			spin_unlock(&pi->lock);
			return -1;
		}
		proc_sleep(&pi->nread, &pi->lock);
	}
	long r = ring_take(pi, dst, 0, n);
	proc_wakeup(&pi->nwrite);
	spin_unlock(&pi->lock);
	return r;
}

/* Moves what fits of src[*done..n) into the ring's free space and
 * advances *done; -1 if src turned invalid on the way. */
static int ring_put(struct pipe *pi, struct io_buf src, uint32_t *done,
		    uint32_t n)
{
	uint32_t room = PIPE_SIZE - (pi->nwrite - pi->nread);
	uint32_t take = n - *done < room ? n - *done : room;
	uint32_t at = pi->nwrite % PIPE_SIZE;
	uint32_t first = take < PIPE_SIZE - at ? take : PIPE_SIZE - at;
	uint32_t got = io_copy_in(&pi->data[at], src, *done, first);
	if (got == first && take > first)
		got += io_copy_in(&pi->data[0], src, *done + first, take - first);
	pi->nwrite += got;
	*done += got;
	return got == take ? 0 : -1;
}

long pipe_write(struct pipe *pi, struct io_buf src, uint32_t n)
{
	uint32_t done = 0;
	spin_lock(&pi->lock);
	while (done < n) {
		if (!pi->reader_open || proc_current_killed()) {
			spin_unlock(&pi->lock);
			return -1;
		}
		if (pi->nwrite - pi->nread == PIPE_SIZE) {
			proc_wakeup(&pi->nread);
			proc_sleep(&pi->nwrite, &pi->lock);
		} else if (ring_put(pi, src, &done, n)) {
			break;
		}
	}
	proc_wakeup(&pi->nread);
	spin_unlock(&pi->lock);
	return done;
}

int pipe_count(void)
{
	return __atomic_load_n(&pipes_open, __ATOMIC_RELAXED);
}
