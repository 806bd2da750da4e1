/* The platform-level interrupt controller: routes device interrupts
 * (here only the UART's) to the S-mode context of each hart. */
#pragma once

#include <stdint.h>

struct machine;

/* Once, on the boot hart: the UART's source gets a non-zero priority. */
void plic_init(const struct machine *m);
/* On every hart: enable the UART's source for this hart's S context. */
void plic_init_hart(void);
/* The pending source for this hart (0 if none), and its completion. */
uint32_t plic_claim(void);
void plic_complete(uint32_t irq);
/* The UART's source number (0: no UART interrupt). */
uint32_t plic_uart_irq(void);
