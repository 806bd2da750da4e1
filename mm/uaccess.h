/*
 * Copying between the kernel and a user address space.  The kernel never
 * dereferences a user pointer: each page is looked up in the process's
 * page table and reached through the direct map, so a bad pointer is a -1,
 * never a kernel fault.  Because the direct map ignores PTE permissions,
 * these functions enforce them: copy-out needs a user-writable page and
 * breaks COW itself, exactly as a user store would.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

struct vm_space;
struct fault_report;

/* The kernel's own faults, for a tracer: observer (kmain passes one) hears
 * of each fault these functions resolve, with what it decided. */
typedef void (*uaccess_fault_fn)(struct vm_space *vs, uintptr_t va,
				 uint64_t scause, const struct fault_report *r);
void uaccess_observe_faults(uaccess_fault_fn observer);

/* Each returns 0 on success, -1 if any byte is not valid user memory for
 * the access (or its page could not be made present for lack of memory). */
int uaccess_copyout(struct vm_space *vs, uintptr_t dst, const void *src,
		    size_t len);
int uaccess_copyin(struct vm_space *vs, void *dst, uintptr_t src, size_t len);

/* Copies a NUL-terminated string of at most max bytes including the NUL;
 * returns its length, or -1 if it is invalid or has no NUL within max. */
long uaccess_copyinstr(struct vm_space *vs, char *dst, uintptr_t src,
		       size_t max);

/* Copies as much of [src, src+len) as is valid, stopping at the first
 * invalid byte; returns the number of bytes copied (console writes). */
size_t uaccess_copyin_prefix(struct vm_space *vs, void *dst, uintptr_t src,
			     size_t len);
