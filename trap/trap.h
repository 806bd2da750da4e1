/* Trap dispatch: interrupts and exceptions by scause. */
#pragma once

struct trap_frame;

/* Point this hart's stvec at the kernel vector; let U-mode read counters. */
void trap_init_hart(void);

/* Called by trap/entry.S for a trap taken in S-mode. */
void trap_kernel(struct trap_frame *tf);
