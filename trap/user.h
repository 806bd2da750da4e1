/* Traps from user mode, and the way back. */
#pragma once

struct trap_frame;

/* Called by trap/entry.S for every trap taken in U-mode. */
__attribute__((noreturn)) void trap_user(struct trap_frame *tf);
/* Leaves the kernel for the current process's user code. */
__attribute__((noreturn)) void user_trap_return(void);
