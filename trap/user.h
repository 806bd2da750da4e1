/* Traps from user mode, and the way back. */
#pragma once

struct trap_frame;

/* Called by trap/entry.S for every trap taken in U-mode; leaves through
 * resume_user (trap/resume.S). */
__attribute__((noreturn)) void user_trap(struct trap_frame *tf);


/* failfault=PID (a boot option, for tests): that process's next page
 * fault is answered "out of memory" as if RAM had just run out, so the
 * policy for that case can be tested without exhausting memory. */
void user_fail_next_fault(int pid);
