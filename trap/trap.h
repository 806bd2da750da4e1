/* Trap dispatch: interrupts and exceptions by scause.  docs/trap.md. */
#pragma once

#include <stdint.h>

struct trap_frame;

/* Called by trap/entry.S for a trap taken in S-mode. */
void trap_kernel(struct trap_frame *tf);

/* Handles interrupt `code` (scause without the interrupt bit); returns it. */
uint64_t trap_interrupt(uint64_t code);
