/* Leaving for user mode (trap/resume.c, trap/resume.S). */
#pragma once

struct trap_frame;

/* Leaves for the current process's user code: yields if the time slice
 * is over, exits if killed, loads the FP registers, then resume_frame.
 * Every user trap ends here, and it is a new process's first function:
 * the callers of proc_fork and proc_start_init pass it. */
__attribute__((noreturn)) void resume_user(void);

/* trap/resume.S: the registers in frame (the process's trap frame) back,
 * and sret.  Interrupts must be off. */
__attribute__((noreturn)) void resume_frame(struct trap_frame *frame);
