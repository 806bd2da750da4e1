/*
 * Console input is edited a line at a time in a 128-byte ring, as typed:
 *
 *   r ........ w ........ e
 *   |  ready   |  being   |
 *   |  to read |  edited  |
 *
 * Backspace/DEL take back the last byte being edited, Ctrl-U the whole
 * line; Ctrl-L clears the screen and shows the line again; Enter (CR
 * becomes LF) or Ctrl-D hands the line to readers; Ctrl-P lists the
 * processes.  Bytes arrive by interrupt even when nobody reads,
 * so nothing typed early is lost.
 *
 * Output is byte for byte, untranslated, through the UART's transmit
 * ring (arch/uart.c), which its interrupt drains 16 bytes at a time.  A
 * writer sleeps here while the ring is full and checks for a kill between
 * chunks, so a huge write() neither holds a hart nor outlives a kill by
 * more than a tick.  Echo goes out like the kernel's own messages, after
 * what the ring holds, so everything appears in order.
 */
#include "fs/console.h"

#include "arch/uart.h"
#include "fs/file.h"
#include "proc/sched/proc.h"
#include "proc/sched/sched.h"
#include "proc/sched/sleep.h"
#include "fs/io_buf.h"

#define CONSOLE_BUF 128
#define CTRL(c) ((c) - '@')
#define BACKSPACE 0x08
#define DELETE 0x7f

static struct {
	struct spinlock lock;
	char buf[CONSOLE_BUF];
	uint32_t r, w, e; /* read, written (complete lines), edit positions */
} cons = { .lock = SPINLOCK_INIT("console") };

/* Writers waiting for room in the UART's ring.  Lost wakeups: a writer
 * sets waiting and checks for room under the lock, and the interrupt
 * checks waiting under it after making room, so one of them sees the
 * other. */
static struct {
	struct spinlock lock;
	int waiting;
} tx_wait = { .lock = SPINLOCK_INIT("console out") };

static void wake_writers(void)
{
	spin_lock(&tx_wait.lock);
	if (tx_wait.waiting && uart_tx_has_room()) {
		tx_wait.waiting = 0;
		proc_wakeup(&tx_wait);
	}
	spin_unlock(&tx_wait.lock);
}

/* Sleeps until the ring has room; -1 if the caller is killed first. */
static int wait_for_room(void)
{
	spin_lock(&tx_wait.lock);
	for (;;) {
		tx_wait.waiting = 1;
		if (uart_tx_has_room())
			break;
		if (proc_current_killed()) {
			spin_unlock(&tx_wait.lock);
			return -1;
		}
		proc_sleep(&tx_wait, &tx_wait.lock);
	}
	spin_unlock(&tx_wait.lock);
	return 0;
}

/* Queues n bytes, sleeping while the ring is full; -1 if the caller is
 * killed while it waits (some of the bytes may be queued). */
static int tx_queue(const char *p, uint32_t n)
{
	uint32_t done = uart_tx_queue(p, n);
	while (done < n) {
		if (wait_for_room() < 0)
			return -1;
		done += uart_tx_queue(p + done, n - done);
	}
	return 0;
}

static void echo(char c)
{
	uart_out_begin();
	uart_putc(c);
	uart_out_end();
}

static void echo_erase(void)
{
	echo('\b');
	echo(' ');
	echo('\b');
}

/* Ctrl-L: an ANSI terminal's clear-screen and home, then the line being
 * edited (the shell's prompt is the shell's, so it is not redrawn). */
static void redraw(void)
{
	static const char clear[] = "\033[H\033[2J";
	for (const char *s = clear; *s; s++)
		echo(*s);
	for (uint32_t i = cons.w; i != cons.e; i++)
		echo(cons.buf[i % CONSOLE_BUF]);
}

static void edit(int c)
{
	switch (c) {
	case CTRL('L'):
		redraw();
		break;
	case CTRL('U'):
		while (cons.e != cons.w &&
		       cons.buf[(cons.e - 1) % CONSOLE_BUF] != '\n') {
			cons.e--;
			echo_erase();
		}
		break;
	case BACKSPACE:
	case DELETE:
		if (cons.e != cons.w) {
			cons.e--;
			echo_erase();
		}
		break;
	default:
		if (c == 0 || cons.e - cons.r >= CONSOLE_BUF)
			break;
		c = c == '\r' ? '\n' : c;
		if (c != CTRL('D'))
			echo((char)c);
		cons.buf[cons.e++ % CONSOLE_BUF] = (char)c;
		if (c == '\n' || c == CTRL('D') || cons.e - cons.r == CONSOLE_BUF) {
			cons.w = cons.e;
			proc_wakeup(&cons.r);
		}
	}
}

static void console_input(int c)
{
	if (c == CTRL('P')) {
		proc_dump();
		return;
	}
	spin_lock(&cons.lock);
	edit(c);
	spin_unlock(&cons.lock);
}

void console_interrupt(void)
{
	for (int c; (c = uart_getc()) >= 0;)
		console_input(c);
	uart_tx_interrupt();
	wake_writers();
}

/* Waits for a complete line, then returns up to n bytes of it; Ctrl-D
 * ends a read (a read that starts with it returns 0). */
static long console_read(struct io_buf dst, uint32_t n)
{
	uint32_t got = 0;
	spin_lock(&cons.lock);
	while (got < n) {
		while (cons.r == cons.w) {
			if (proc_current_killed()) {
				spin_unlock(&cons.lock);
				return -1;
			}
			proc_sleep(&cons.r, &cons.lock);
		}
		char c = cons.buf[cons.r++ % CONSOLE_BUF];
		if (c == CTRL('D')) {
			if (got > 0)
				cons.r--; /* the next read returns 0 */
			break;
		}
		if (io_copy_out(dst, got, &c, 1)) {
			cons.r--;
			break;
		}
		got++;
		if (c == '\n')
			break;
	}
	spin_unlock(&cons.lock);
	return got;
}

/* One write() at a time goes to the ring, whole: another process's bytes
 * never land inside it, so a line written at once (printf, a trace line)
 * stays one line on the screen.  A writer that waits here can be killed. */
static struct {
	struct spinlock lock;
	int busy;
} writer = { .lock = SPINLOCK_INIT("console writer") };

static int writer_begin(void)
{
	spin_lock(&writer.lock);
	while (writer.busy) {
		if (proc_current_killed()) {
			spin_unlock(&writer.lock);
			return -1;
		}
		proc_sleep(&writer, &writer.lock);
	}
	writer.busy = 1;
	spin_unlock(&writer.lock);
	return 0;
}

static void writer_end(void)
{
	spin_lock(&writer.lock);
	writer.busy = 0;
	proc_wakeup(&writer);
	spin_unlock(&writer.lock);
}

/* Writes stop at the first byte that cannot be read from src, and when
 * the writer is killed. */
static long console_write(struct io_buf src, uint32_t n)
{
	char chunk[64];
	uint32_t done = 0;
	if (writer_begin() < 0)
		return -1;
	while (done < n && !proc_current_killed()) {
		uint32_t want = n - done < sizeof chunk ? n - done : sizeof chunk;
		uint32_t got = io_copy_in(chunk, src, done, want);
		if (tx_queue(chunk, got) < 0)
			break;
		done += got;
		if (got < want)
			break;
		/* QEMU's UART empties as fast as we fill it, so the ring may
		 * never fill and this loop never sleep: let others run. */
		sched_preempt_point();
	}
	writer_end();
	return done;
}

static const struct device console_device = { console_read, console_write };

void console_init(void)
{
	file_register_device(CONSOLE_MAJOR, &console_device);
	uart_enable_rx();
}
