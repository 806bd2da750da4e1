/* The console: a device file (major 1) over the UART.  docs/fs.md. */
#pragma once

#include "include/devices.h"

#define CONSOLE_MAJOR DEV_CONSOLE

/* Registers the device and turns on UART input interrupts. */
void console_init(void);
/* The UART's interrupt: bytes received, or room to send more. */
void console_interrupt(void);
