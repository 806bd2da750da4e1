/*
 * Console input is edited a line at a time in a 128-byte ring, as typed:
 *
 *   r ........ w ........ e
 *   |  ready   |  being   |
 *   |  to read |  edited  |
 *
 * Backspace/DEL take back the last byte being edited, Ctrl-U the whole
 * line; Enter (CR becomes LF) or Ctrl-D hands the line to readers; Ctrl-P
 * lists the processes.  Bytes arrive by interrupt even when nobody reads,
 * so nothing typed early is lost.  Output goes to the UART byte for byte,
 * untranslated.
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

static void echo_erase(void)
{
	uart_putc('\b');
	uart_putc(' ');
	uart_putc('\b');
}

static void edit(int c)
{
	switch (c) {
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
			uart_putc((char)c);
		cons.buf[cons.e++ % CONSOLE_BUF] = (char)c;
		if (c == '\n' || c == CTRL('D') || cons.e - cons.r == CONSOLE_BUF) {
			cons.w = cons.e;
			proc_wakeup(&cons.r);
		}
	}
}

void console_input(int c)
{
	if (c == CTRL('P')) {
		proc_dump();
		return;
	}
	spin_lock(&cons.lock);
	edit(c);
	spin_unlock(&cons.lock);
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

/* Writes stop at the first byte that cannot be read from src. */
static long console_write(struct io_buf src, uint32_t n)
{
	char chunk[64];
	uint32_t done = 0;
	while (done < n) {
		uint32_t want = n - done < sizeof chunk ? n - done : sizeof chunk;
		uint32_t got = io_copy_in(chunk, src, done, want);
		for (uint32_t i = 0; i < got; i++)
			uart_putc(chunk[i]);
		done += got;
		if (got < want)
			break;
	}
	return done;
}

static const struct device console_device = { console_read, console_write };

void console_init(void)
{
	file_register_device(CONSOLE_MAJOR, &console_device);
	uart_enable_rx();
}
