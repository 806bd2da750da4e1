/* Driver for the ns16550a UART that the device tree names. */
#pragma once

struct machine;

void uart_init(const struct machine *m);
int uart_ready(void);
void uart_putc(char c); /* waits for room: for the kernel's own messages */
/* Output by interrupt: once the transmitter is empty its FIFO takes
 * UART_FIFO_BYTES without waiting; the "transmitter empty" interrupt says
 * when that is the case again. */
#define UART_FIFO_BYTES 16
int uart_tx_empty(void);
void uart_tx_byte(char c);
void uart_tx_interrupt(int on);
/* Input: interrupts on received bytes; uart_getc is -1 when none waits. */
void uart_enable_rx(void);
int uart_getc(void);
