/*
 * Moving bytes between kernel memory and an io_buf, which is either user
 * memory (checked, page by page, by mm/uaccess.c) or kernel memory.
 */
#include "fs/io_buf.h"

#include "lib/string.h"
#include "mm/uaccess.h"

int io_copy_out(struct io_buf dst, uint32_t done, const void *src, uint32_t n)
{
	if (!dst.vs) {
		memcpy((char *)dst.addr + done, src, n);
		return 0;
	}
	return uaccess_copyout(dst.vs, dst.addr + done, src, n);
}

uint32_t io_copy_in(void *dst, struct io_buf src, uint32_t done, uint32_t n)
{
	if (!src.vs) {
		memcpy(dst, (const char *)src.addr + done, n);
		return n;
	}
	return (uint32_t)uaccess_copyin_prefix(src.vs, dst, src.addr + done, n);
}
