/*
 * One stub per system call, generated from include/syscall_table.h (the
 * table the kernel's dispatcher is built from): number in a7, ecall, and
 * the result is already in a0.  ';' separates statements on one line.
 */
#define SYSCALL(num, stub, handler, nargs) \
	.globl stub; stub: li a7, num; ecall; ret;

	.text
#include "include/syscall_table.h"
