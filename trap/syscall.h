/*
 * System-call dispatch and argument access.  Arguments are a0..a5 of the
 * caller's trap frame; an `int` argument is the low 32 bits sign-extended,
 * never the whole register (docs/abi.md §1).
 */
#pragma once

#include <stdint.h>

struct file;

/* Runs the call the current process asked for; the result goes to a0. */
void syscall_dispatch(void);

int arg_int(int n);
uint64_t arg_addr(int n);
/* Copies string argument n into buf (size bytes, NUL included): its
 * length, or -1 if invalid or too long. */
long arg_str(int n, char *buf, uint64_t size);
/* The open file behind int argument n, or 0; *fd gets the number. */
struct file *arg_file(int n, int *fd);
/* Installs f at the lowest free descriptor: its number, or -1 if full. */
int fd_install(struct file *f);

#define SYSCALL(num, stub, handler, nargs) uint64_t handler(void);
#include "include/syscall_table.h"
#undef SYSCALL
