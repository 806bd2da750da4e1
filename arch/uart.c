/*
 * ns16550a: byte-wide registers spaced 1 << reg-shift apart.  The kernel's
 * own messages poll the "transmit holding register empty" bit.  Programs'
 * output goes through a transmit ring that the "transmitter empty"
 * interrupt drains into the 16-byte FIFO, so no writer spins here; a
 * writer that finds the ring full is the console's to put to sleep
 * (fs/console.c), as sleeping is a process's business, a floor above.
 * The kernel's own output drains the ring first and then holds it, so
 * everything appears in the order it was written.  Input raises an
 * interrupt per received byte (through the PLIC); the console drains it.
 * Register numbers are the 16550 data sheet's.
 */
#include "arch/uart.h"

#include <stdint.h>

#include "arch/machine.h"
#include "arch/spinlock.h"
#include "arch/layout.h"

#define REG_RBR 0 /* receive buffer (read) */
#define REG_THR 0 /* transmit holding (write) */
#define REG_DLL 0 /* divisor latch low (DLAB = 1) */
#define REG_IER 1 /* interrupt enable */
#define REG_DLM 1 /* divisor latch high (DLAB = 1) */
#define REG_FCR 2 /* FIFO control */
#define REG_LCR 3 /* line control */
#define REG_LSR 5 /* line status */

#define LCR_8N1 0x03
#define LCR_DLAB 0x80
#define FCR_ENABLE_CLEAR 0x07
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20
#define IER_RX_READY 0x01
#define IER_TX_EMPTY 0x02
#define BAUD 115200

#define TX_BUF 1024

static struct {
	struct spinlock lock;
	char buf[TX_BUF];
	uint32_t r, w; /* [r, w) waits for the transmitter */
} tx = { .lock = SPINLOCK_INIT("uart out") };

static volatile uint8_t *uart_base;
static unsigned uart_shift;
static uint8_t ier; /* what is enabled: receive always, transmit on demand */

static void reg_write(int reg, uint8_t v)
{
	uart_base[reg << uart_shift] = v;
}

static uint8_t reg_read(int reg)
{
	return uart_base[reg << uart_shift];
}

void uart_init(const struct machine *m)
{
	if (!m->uart.size)
		return; /* no UART: output stays on the SBI console */
	uart_base = pa_to_kva(m->uart.base);
	uart_shift = m->uart_reg_shift;
	reg_write(REG_IER, 0);
	if (m->uart_clock_hz) {
		uint32_t div = m->uart_clock_hz / (16 * BAUD);
		reg_write(REG_LCR, LCR_DLAB);
		reg_write(REG_DLL, div & 0xff);
		reg_write(REG_DLM, div >> 8);
	}
	reg_write(REG_LCR, LCR_8N1);
	reg_write(REG_FCR, FCR_ENABLE_CLEAR);
}

int uart_ready(void)
{
	return uart_base != 0;
}

void uart_putc(char c)
{
	while (!(reg_read(REG_LSR) & LSR_THR_EMPTY))
		;
	reg_write(REG_THR, (uint8_t)c);
}

void uart_enable_rx(void)
{
	if (!uart_base)
		return;
	ier |= IER_RX_READY;
	reg_write(REG_IER, ier);
}

static int tx_fifo_empty(void)
{
	return uart_base && (reg_read(REG_LSR) & LSR_THR_EMPTY);
}

static void tx_interrupt(int on)
{
	uint8_t want = on ? ier | IER_TX_EMPTY : ier & ~IER_TX_EMPTY;
	if (uart_base && want != ier) {
		ier = want;
		reg_write(REG_IER, ier);
	}
}

/* Fills the FIFO from the ring if it has emptied, and keeps the
 * interrupt on while bytes remain.  tx.lock held. */
static void tx_pump(void)
{
	if (tx.r != tx.w && tx_fifo_empty())
		for (int i = 0; i < UART_FIFO_BYTES && tx.r != tx.w; i++)
			reg_write(REG_THR, (uint8_t)tx.buf[tx.r++ % TX_BUF]);
	tx_interrupt(tx.r != tx.w);
}

uint32_t uart_tx_queue(const char *p, uint32_t n)
{
	uint32_t done = 0;
	spin_lock(&tx.lock);
	for (; done < n && tx.w - tx.r < TX_BUF; done++)
		tx.buf[tx.w++ % TX_BUF] = p[done];
	tx_pump(); /* an idle transmitter raises no interrupt */
	spin_unlock(&tx.lock);
	return done;
}

int uart_tx_has_room(void)
{
	spin_lock(&tx.lock);
	int room = tx.w - tx.r < TX_BUF;
	spin_unlock(&tx.lock);
	return room;
}

void uart_tx_interrupt(void)
{
	spin_lock(&tx.lock);
	tx_pump();
	spin_unlock(&tx.lock);
}

void uart_out_begin(void)
{
	spin_lock(&tx.lock);
	while (uart_base && tx.r != tx.w)
		uart_putc(tx.buf[tx.r++ % TX_BUF]);
	/* A writer waiting for room is woken after the next interrupt: the
	 * pump turned it on when the ring last held bytes, and only the
	 * pump that finds the ring empty turns it off. */
}

void uart_out_end(void)
{
	spin_unlock(&tx.lock);
}

int uart_getc(void)
{
	if (!uart_base || !(reg_read(REG_LSR) & LSR_DATA_READY))
		return -1;
	return reg_read(REG_RBR);
}
