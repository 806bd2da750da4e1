/*
 * ns16550a: byte-wide registers spaced 1 << reg-shift apart.  The kernel's
 * own messages poll the "transmit holding register empty" bit; the
 * console's output (fs/console.c) is fed to the 16-byte FIFO from the
 * "transmitter empty" interrupt instead, so no writer spins here.  Input
 * raises an interrupt per received byte (through the PLIC); the console
 * driver drains it.  Register numbers are the 16550 data sheet's.
 */
#include "arch/uart.h"

#include <stdint.h>

#include "arch/machine.h"
#include "mm/layout.h"

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

int uart_tx_empty(void)
{
	return uart_base && (reg_read(REG_LSR) & LSR_THR_EMPTY);
}

void uart_tx_byte(char c)
{
	reg_write(REG_THR, (uint8_t)c);
}

void uart_tx_interrupt(int on)
{
	uint8_t want = on ? ier | IER_TX_EMPTY : ier & ~IER_TX_EMPTY;
	if (uart_base && want != ier) {
		ier = want;
		reg_write(REG_IER, ier);
	}
}

int uart_getc(void)
{
	if (!uart_base || !(reg_read(REG_LSR) & LSR_DATA_READY))
		return -1;
	return reg_read(REG_RBR);
}
