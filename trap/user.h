/* Traps from user mode, and the way back. */
#pragma once

struct trap_frame;

/* Called by trap/entry.S for every trap taken in U-mode. */
__attribute__((noreturn)) void trap_user(struct trap_frame *tf);
/* Leaves the kernel for the current process's user code. */
__attribute__((noreturn)) void user_trap_return(void);

/* failfault=PID (a boot option, for tests): that process's next page
 * fault is answered "out of memory" as if RAM had just run out, so the
 * policy for that case can be tested without exhausting memory. */
void user_fail_next_fault(int pid);
