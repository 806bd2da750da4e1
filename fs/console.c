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
 * Output is byte for byte, untranslated, through a ring the UART's
 * "transmitter empty" interrupt drains 16 bytes (its FIFO) at a time.  A
 * writer sleeps while the ring is full and checks for a kill between
 * chunks, so a huge write() neither holds a hart nor outlives a kill by
 * more than a tick.  The kernel's own output (kprintf, echo) drains the
 * ring first and then writes directly, so everything appears in order.
 */
#include "fs/console.h"

#include "arch/uart.h"
#include "fs/file.h"
#include "proc/proc.h"

#define CONSOLE_BUF 128
#define CTRL(c) ((c) - '@')
#define BACKSPACE 0x08
#define DELETE 0x7f

static struct {
	struct spinlock lock;
	char buf[CONSOLE_BUF];
	uint32_t r, w, e; /* read, written (complete lines), edit positions */
} cons = { .lock = SPINLOCK_INIT("console") };

#define TX_BUF 1024

static struct {
	struct spinlock lock;
	char buf[TX_BUF];
	uint32_t r, w;   /* [r, w) waits for the UART */
	int writers;     /* sleeping until the ring has room */
} tx = { .lock = SPINLOCK_INIT("console out") };

/* Fills the UART's FIFO from the ring if it has emptied, keeps its
 * interrupt on while bytes remain (a writer sleeps only on a full ring),
 * and wakes sleeping writers once there is room.  tx.lock held. */
static void tx_pump(void)
{
	if (tx.r != tx.w && uart_tx_empty())
		for (int i = 0; i < UART_FIFO_BYTES && tx.r != tx.w; i++)
			uart_tx_byte(tx.buf[tx.r++ % TX_BUF]);
	if (tx.writers && tx.w - tx.r < TX_BUF) {
		tx.writers = 0;
		proc_wakeup(&tx);
	}
	uart_tx_interrupt(tx.r != tx.w);
}

void console_out_begin(void)
{
	spin_lock(&tx.lock);
	while (tx.r != tx.w)
		uart_putc(tx.buf[tx.r++ % TX_BUF]);
	/* Writers waiting for room are woken by the next interrupt: the
	 * transmitter-empty interrupt stays on while tx.writers is set. */
}

void console_out_end(void)
{
	spin_unlock(&tx.lock);
}

/* Queues n bytes, sleeping while the ring is full; -1 if the caller is
 * killed while it waits (some of the bytes may be queued). */
static int tx_queue(const char *p, uint32_t n)
{
	spin_lock(&tx.lock);
	for (uint32_t i = 0; i < n; i++) {
		while (tx.w - tx.r == TX_BUF) {
			if (proc_current_killed()) {
				spin_unlock(&tx.lock);
				return -1;
			}
			tx_pump(); /* an idle UART raises no interrupt */
			if (tx.w - tx.r < TX_BUF)
				continue;
			/* Only now: a pump that finds room wakes the writers
			 * and clears this, so setting it earlier loses the
			 * wakeup. */
			tx.writers = 1;
			uart_tx_interrupt(1);
			proc_sleep(&tx, &tx.lock);
		}
		tx.buf[tx.w++ % TX_BUF] = p[i];
	}
	tx_pump();
	spin_unlock(&tx.lock);
	return 0;
}

static void echo(char c)
{
	console_out_begin();
	uart_putc(c);
	console_out_end();
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
	spin_lock(&tx.lock);
	tx_pump();
	spin_unlock(&tx.lock);
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

/* Writes stop at the first byte that cannot be read from src, and when
 * the writer is killed. */
static long console_write(struct io_buf src, uint32_t n)
{
	char chunk[64];
	uint32_t done = 0;
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
		proc_preempt_point();
	}
	return done;
}

static const struct device console_device = { console_read, console_write };

void console_init(void)
{
	file_register_device(CONSOLE_MAJOR, &console_device);
	uart_enable_rx();
}
