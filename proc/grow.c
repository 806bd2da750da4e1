/*
 * sbrk: moving the break of a process (docs/abi.md §4.2).
 * Eager growth maps fresh zeroed frames now and fails when memory is out.
 * lab lazy: begin stub grow-header.c
 * Lazy growth (mode SBRK_LAZY only, so that the 2022 programs' leftover a1
 * never selects it) just widens the demand-zero range of the address
 * space, and pages appear when first touched.
 * lab lazy: end
 * Shrinking unmaps whole pages above the new break and drops their
 * references; it fails (-1, nothing changed) only if a page table fork
 * shared must be copied and memory is out.
 */
#include "proc/grow.h"

#include "proc/sched/proc.h"

#include "mm/table.h"
#include "proc/sched/sched.h"

static uintptr_t shrink(struct proc *p, uintptr_t old, uintptr_t new)
{
	uintptr_t lo = PAGE_ROUND_UP(new), hi = PAGE_ROUND_UP(old);
	if (hi > lo && vm_unmap(&p->vs, lo, hi))
		return (uintptr_t)-1; /* no memory to unshare a page table */
	/* lab lazy: begin stub shrink_lazy.c */
	if (p->vs.zero_hi > lo)
		p->vs.zero_hi = lo;
	/* lab lazy: end */
	p->sz = new;
	return old;
}

static uintptr_t grow(struct proc *p, uintptr_t old, uintptr_t new, int lazy)
{
	uintptr_t lo = PAGE_ROUND_UP(old), hi = PAGE_ROUND_UP(new);
	/* lab lazy: begin stub grow_lazy.c */
	if (lazy) {
		if (p->vs.zero_hi <= p->vs.zero_lo || lo < p->vs.zero_lo)
			p->vs.zero_lo = lo;
		p->vs.zero_hi = hi;
		p->sz = new;
		return old;
	}
	/* lab lazy: end */
	if (hi > lo && vm_alloc_range(&p->vs, lo, hi, VM_USER_RW) &&
	    (!sched_settle_roots() ||
	     vm_alloc_range(&p->vs, lo, hi, VM_USER_RW))) {
		/* Out of memory, even after the roots of exited processes
		 * that other harts still had in satp came back. */
		return (uintptr_t)-1;
	}
	p->sz = new;
	return old;
}

uintptr_t proc_grow(struct proc *p, long n, int mode)
{
	uintptr_t old = p->sz;
	uintptr_t new = old + (uintptr_t)n;
	if (n == 0)
		return old;
	if (n < 0)
		/* |n| > old would wrap: a harmless no-op, as xv6 programs expect */
		return new > old ? old : shrink(p, old, new);
	if (new < old || new > USER_BRK_LIMIT)
		return (uintptr_t)-1;
	return grow(p, old, new, mode == SBRK_LAZY);
}
