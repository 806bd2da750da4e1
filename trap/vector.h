/* The trap vector's installation on each hart (trap/vector.c). */
#pragma once

/* Point this hart's stvec at the trap vector; let U-mode read counters. */
void trap_init_hart(void);
