/*
 * System-call arguments (trap/arg.c): a0..a5 of the caller's trap frame.
 * An `int` argument is the low 32 bits sign-extended, never the whole
 * register (docs/abi.md §1).
 */
#pragma once

#include <stdint.h>

struct file;

int arg_int(int n);
uint64_t arg_addr(int n);
/* Copies string argument n into buf (size bytes, NUL included): its
 * length, or -1 if invalid or too long. */
long arg_str(int n, char *buf, uint64_t size);
/* The open file behind int argument n, or 0; *fd gets the number. */
struct file *arg_file(int n, int *fd);
/* Installs f at the lowest free descriptor: its number, or -1 if full. */
int arg_fd_install(struct file *f);
