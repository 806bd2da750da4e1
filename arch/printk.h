/* Kernel console output: kprintf goes to the UART (or to SBI before the
 * UART is up), whole messages at a time so harts do not interleave. */
#pragma once

__attribute__((format(printf, 1, 2))) void kprintf(const char *fmt, ...);

/* Stop taking the print lock: a panicking hart must get its report out even
 * if another hart died holding the lock. */
void printk_panic_mode(void);
