/*
 * PLIC registers (RISC-V PLIC specification): a 32-bit priority per source
 * at 4*irq; per context an enable bitmap at 0x2000 + 0x80*ctx, and a
 * threshold at 0x200000 + 0x1000*ctx followed by the claim/complete word.
 * A source interrupts a context when it is enabled there and its priority
 * exceeds the context's threshold.
 */
#include "arch/plic.h"

#include "arch/cpu.h"
#include "arch/machine.h"
#include "arch/layout.h"

#define PLIC_ENABLE(ctx) (0x2000 + 0x80 * (ctx))
#define PLIC_THRESHOLD(ctx) (0x200000 + 0x1000 * (ctx))
#define PLIC_CLAIM(ctx) (PLIC_THRESHOLD(ctx) + 4)

static volatile uint8_t *plic_base;
static uint32_t uart_irq;
static int context_of_hart[NCPU];

static volatile uint32_t *reg(uint64_t off)
{
	return (volatile uint32_t *)(plic_base + off);
}

void plic_init(const struct machine *m)
{
	for (int i = 0; i < NCPU; i++)
		context_of_hart[i] = -1;
	for (int i = 0; i < m->nharts; i++)
		if (m->hart_id[i] < NCPU)
			context_of_hart[m->hart_id[i]] = m->plic_s_context[i];
	if (!m->plic.size || !m->uart.irq)
		return; /* no interrupt input: the console cannot read */
	plic_base = pa_to_kva(m->plic.base);
	uart_irq = m->uart.irq;
	*reg(4 * uart_irq) = 1;
}

void plic_init_hart(void)
{
	int ctx = context_of_hart[cpu_this()->hart_id];
	if (!plic_base || ctx < 0)
		return;
	*reg(PLIC_ENABLE(ctx) + 4 * (uart_irq / 32)) |= 1U << (uart_irq % 32);
	*reg(PLIC_THRESHOLD(ctx)) = 0;
}

uint32_t plic_claim(void)
{
	int ctx = context_of_hart[cpu_this()->hart_id];
	return plic_base && ctx >= 0 ? *reg(PLIC_CLAIM(ctx)) : 0;
}

void plic_complete(uint32_t irq)
{
	*reg(PLIC_CLAIM(context_of_hart[cpu_this()->hart_id])) = irq;
}

uint32_t plic_uart_irq(void)
{
	return uart_irq;
}
