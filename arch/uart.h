/* Driver for the ns16550a UART that the device tree names. */
#pragma once

struct machine;

void uart_init(const struct machine *m);
int uart_ready(void);
void uart_putc(char c);
/* Input: interrupts on received bytes; uart_getc is -1 when none waits. */
void uart_enable_rx(void);
int uart_getc(void);
