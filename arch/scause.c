/* scause decoding, from the privileged specification's cause table. */
#include "arch/scause.h"

static const char *const exception_names[] = {
	[EXC_INST_MISALIGNED] = "instruction address misaligned",
	[EXC_INST_ACCESS] = "instruction access fault",
	[EXC_ILLEGAL_INST] = "illegal instruction",
	[EXC_BREAKPOINT] = "breakpoint",
	[EXC_LOAD_MISALIGNED] = "load address misaligned",
	[EXC_LOAD_ACCESS] = "load access fault",
	[EXC_STORE_MISALIGNED] = "store/AMO address misaligned",
	[EXC_STORE_ACCESS] = "store/AMO access fault",
	[EXC_ECALL_U] = "environment call from U-mode",
	[EXC_ECALL_S] = "environment call from S-mode",
	[EXC_INST_PAGE_FAULT] = "instruction page fault",
	[EXC_LOAD_PAGE_FAULT] = "load page fault",
	[EXC_STORE_PAGE_FAULT] = "store/AMO page fault",
	[18] = "software check",
	[19] = "hardware error",
};

static const char *const interrupt_names[] = {
	[IRQ_S_SOFT] = "supervisor software interrupt",
	[IRQ_S_TIMER] = "supervisor timer interrupt",
	[IRQ_S_EXT] = "supervisor external interrupt",
	[13] = "counter overflow interrupt",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *scause_name(uint64_t scause)
{
	uint64_t code = scause & ~SCAUSE_INTERRUPT;
	const char *name = 0;
	if (scause & SCAUSE_INTERRUPT) {
		if (code < COUNT(interrupt_names))
			name = interrupt_names[code];
	} else if (code < COUNT(exception_names)) {
		name = exception_names[code];
	}
	return name ? name : (scause & SCAUSE_INTERRUPT) ? "unknown interrupt"
							 : "unknown exception";
}
