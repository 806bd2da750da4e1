/*
 * Pointing a hart at the trap vector (trap/entry.S).  Apart from the
 * handlers it calls, so that trap/ reads bottom-up: the handlers, the
 * vector that calls them, then this, which only needs the vector.
 */
#include "trap/vector.h"

#include "arch/riscv.h"

void trap_init_hart(void)
{
	extern char trap_vector[];
	csr_write(stvec, (uint64_t)trap_vector);
	csr_write(sscratch, 0); /* 0: this hart is in the kernel */
	/* Let user programs time themselves with rdcycle/rdtime/rdinstret. */
	csr_write(scounteren, SCOUNTEREN_CY | SCOUNTEREN_TM | SCOUNTEREN_IR);
}
