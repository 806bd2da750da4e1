/*
 * Where a read puts its bytes and a write takes them from: kernel memory
 * (vs 0: addr is a kernel pointer, for boot and the self-tests) or a user
 * address space (through mm/uaccess.c's checked copies).  fs/io_buf.c.
 */
#pragma once

#include <stdint.h>

struct vm_space;
struct io_buf {
	struct vm_space *vs;
	uintptr_t addr;
};

/* Copies n bytes to dst at offset done; 0, or -1 if dst cannot take them. */
int io_copy_out(struct io_buf dst, uint32_t done, const void *src, uint32_t n);
/* Copies up to n bytes from src at offset done; how many could be read. */
uint32_t io_copy_in(void *dst, struct io_buf src, uint32_t done, uint32_t n);
