/* The console: a device file (major 1) over the UART.  docs/fs.md. */
#pragma once

#define CONSOLE_MAJOR 1

/* Registers the device and turns on UART input interrupts. */
void console_init(void);
/* One received byte, from the UART interrupt. */
void console_input(int c);
