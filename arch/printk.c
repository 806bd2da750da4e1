/*
 * kprintf: format through lib/fmt into the UART (or SBI before it is up).
 * The lock makes each kprintf call atomic with respect to other harts.
 */
#include "arch/printk.h"

#include <stdarg.h>

#include "arch/sbi.h"
#include "arch/spinlock.h"
#include "arch/uart.h"
#include "lib/fmt.h"

static struct spinlock print_lock = SPINLOCK_INIT("print");
static int panicking;

static void put_console(void *ctx, char c)
{
	(void)ctx;
	if (uart_ready())
		uart_putc(c);
	else
		sbi_legacy_putchar(c);
}

void kprintf(const char *fmt, ...)
{
	va_list ap;
	int locking = !__atomic_load_n(&panicking, __ATOMIC_RELAXED);
	if (locking) {
		spin_lock(&print_lock);
		uart_out_begin(); /* after what programs wrote before */
	}
	va_start(ap, fmt);
	fmt_vformat(put_console, 0, fmt, ap);
	va_end(ap);
	if (locking) {
		uart_out_end();
		spin_unlock(&print_lock);
	}
}

void printk_panic_mode(void)
{
	__atomic_store_n(&panicking, 1, __ATOMIC_RELAXED);
}
