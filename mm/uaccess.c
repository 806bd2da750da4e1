/*
 * User memory, one page at a time.  user_page() turns a user address into
 * a kernel pointer after resolving whatever a user access would resolve
 * (COW break for writes, demand-zero fill for both), through the same
 * fault_resolve the trap path uses, so the kernel's copies obey the same
 * rules as the program's own loads and stores.  Who wants to hear of
 * those faults (the tracer, two floors up) hands in a function: memory
 * never calls up.
 */
#include "mm/uaccess.h"
#include "mm/sv39.h"

#include "arch/scause.h"
#include "lib/string.h"
#include "mm/fault.h"

static uaccess_fault_fn fault_observer;

void uaccess_observe_faults(uaccess_fault_fn observer)
{
	fault_observer = observer;
}

/* The page at va does not allow the access as it is: resolve it as the
 * program's own access would, and tell the observer.  Out of line, so
 * that user_page stays small enough to inline into every copy. */
__attribute__((noinline)) static int user_fault(struct vm_space *vs,
						uintptr_t va, int write)
{
	uint64_t cause = write ? EXC_STORE_PAGE_FAULT : EXC_LOAD_PAGE_FAULT;
	struct fault_report r;
	fault_resolve(vs, va, cause, &r);
	if (fault_observer)
		fault_observer(vs, va, cause, &r);
	return fault_handled(r.outcome) ? 0 : -1;
}

/* Kernel pointer to the byte at va, valid to the end of its page, or 0. */
static uint8_t *user_page(struct vm_space *vs, uintptr_t va, int write)
{
	if (va >= USER_TOP)
		return 0;
	pte_t *pte = sv39_walk(vs->root, va, 0);
	if (!pte || !pte_allows_user(*pte, write)) {
		if (user_fault(vs, va, write))
			return 0;
		pte = sv39_walk(vs->root, va, 0);
	}
	return (uint8_t *)pa_to_kva(pte_pa(*pte)) + (va & (PAGE_SIZE - 1));
}

static size_t chunk(uintptr_t va, size_t left)
{
	size_t room = PAGE_SIZE - (va & (PAGE_SIZE - 1));
	return left < room ? left : room;
}

int uaccess_copyout(struct vm_space *vs, uintptr_t dst, const void *src,
		    size_t len)
{
	const uint8_t *s = src;
	if (dst + len < dst)
		return -1;
	while (len) {
		size_t n = chunk(dst, len);
		uint8_t *p = user_page(vs, dst, 1);
		if (!p)
			return -1;
		memcpy(p, s, n);
		dst += n, s += n, len -= n;
	}
	return 0;
}

size_t uaccess_copyin_prefix(struct vm_space *vs, void *dst, uintptr_t src,
			     size_t len)
{
	uint8_t *d = dst;
	size_t done = 0;
	if (src + len < src)
		len = (size_t)0 - src; /* up to the top, which is invalid anyway */
	while (done < len) {
		size_t n = chunk(src + done, len - done);
		const uint8_t *p = user_page(vs, src + done, 0);
		if (!p)
			break;
		memcpy(d + done, p, n);
		done += n;
	}
	return done;
}

int uaccess_copyin(struct vm_space *vs, void *dst, uintptr_t src, size_t len)
{
	if (src + len < src)
		return -1;
	return uaccess_copyin_prefix(vs, dst, src, len) == len ? 0 : -1;
}

long uaccess_copyinstr(struct vm_space *vs, char *dst, uintptr_t src,
		       size_t max)
{
	size_t done = 0;
	while (done < max) {
		size_t n = chunk(src + done, max - done);
		const char *p = (const char *)user_page(vs, src + done, 0);
		if (!p)
			return -1;
		size_t len = strnlen(p, n);
		memcpy(dst + done, p, len);
		done += len;
		if (len < n) {
			dst[done] = 0;
			return (long)done;
		}
	}
	return -1; /* no NUL within max bytes */
}
