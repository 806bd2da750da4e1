/* Driver for the ns16550a UART that the device tree names. */
#pragma once

#include <stdint.h>

struct machine;

void uart_init(const struct machine *m);
int uart_ready(void);
void uart_putc(char c); /* waits for room: for the kernel's own messages */
/* Output by interrupt: a ring of bytes that the "transmitter empty"
 * interrupt feeds to the FIFO, UART_FIFO_BYTES at a time. */
#define UART_FIFO_BYTES 16
/* Queues what fits of p[0..n) and starts the transmitter; how many bytes
 * were taken (fewer than n when the ring is full: wait for room). */
uint32_t uart_tx_queue(const char *p, uint32_t n);
int uart_tx_has_room(void);
/* The transmitter's interrupt: refill its FIFO from the ring. */
void uart_tx_interrupt(void);
/* Around the kernel's own output: drains the ring, then holds it until
 * uart_out_end, so bytes appear in the order they were written. */
void uart_out_begin(void);
void uart_out_end(void);
/* Input: interrupts on received bytes; uart_getc is -1 when none waits. */
void uart_enable_rx(void);
int uart_getc(void);
