/*
 * What copy-on-write costs, per operation.  "Fault" numbers call fault_resolve
 * directly (the decision and the work); "trap" numbers take the real
 * store fault through the MMU, trap entry, fault_resolve and the retried
 * store.
 */
#include "arch/probe.h"
#include "kernel/ktest.h"
#include "mm/fault.h"
#include "mm/frame.h"
#include "mm/page.h"
#include "arch/scause.h"
#include "uspace.h"
#include "mm/fastpath.h"
#include "mm/fork.h"

#define VA 0x10000UL
#define PAGES 256
#define REPEAT 1000

KBENCH(bench_page_primitives)
{
	paddr_t a = frame_alloc(0), b = frame_alloc(0);
	struct kbench_mark m = kbench_start();
	for (int i = 0; i < REPEAT; i++)
		page_copy(pa_to_kva(a), pa_to_kva(b));
	kbench_report("page_copy", m, REPEAT);
	m = kbench_start();
	for (int i = 0; i < REPEAT; i++)
		page_zero(pa_to_kva(a));
	kbench_report("page_zero", m, REPEAT);
	frame_unref(a);
	frame_unref(b);
}

static void share(struct vm_space *p, struct vm_space *c)
{
	vm_space_create(p);
	vm_space_create(c);
	vm_alloc_range(p, VA, VA + PAGES * PAGE_SIZE, VM_USER_RW);
}

KBENCH(bench_cow_fault_paths)
{
	struct vm_space p, c;
	struct fault_report r;
	share(&p, &c);
	struct kbench_mark m = kbench_start();
	fork_space(&p, &c);
	kbench_report("fork_space (per page)", m, PAGES);
	m = kbench_start();
	for (int i = 0; i < PAGES; i++)
		fault_resolve(&c, VA + (uintptr_t)i * PAGE_SIZE,
			      EXC_STORE_PAGE_FAULT, &r);
	kbench_report("cow fault, copy", m, PAGES);
	m = kbench_start();
	for (int i = 0; i < PAGES; i++)
		fault_resolve(&p, VA + (uintptr_t)i * PAGE_SIZE,
			      EXC_STORE_PAGE_FAULT, &r);
	kbench_report("cow fault, sole-owner reuse", m, PAGES);
	vm_space_destroy(&c);
	vm_space_destroy(&p);

	/* lab lazy: begin */
	struct vm_space z;
	vm_space_create(&z);
	z.zero_lo = VA;
	z.zero_hi = VA + PAGES * PAGE_SIZE;
	m = kbench_start();
	for (int i = 0; i < PAGES; i++)
		fault_resolve(&z, VA + (uintptr_t)i * PAGE_SIZE,
			      EXC_STORE_PAGE_FAULT, &r);
	kbench_report("demand-zero fault, store", m, PAGES);
	vm_space_destroy(&z);
	/* lab lazy: end */
}

KBENCH(bench_cow_trap_round_trip)
{
	struct vm_space p, c;
	struct fault_report r;
	share(&p, &c);
	fork_space(&p, &c);
	uspace_enter(&c);
	struct kbench_mark m = kbench_start();
	for (int i = 0; i < PAGES; i++) {
		uint64_t *va = (uint64_t *)(VA + (uintptr_t)i * PAGE_SIZE);
		fault_resolve(&c, (uintptr_t)va, probe_store64(va, 1), &r);
		probe_store64(va, 1);
	}
	kbench_report("trap + cow copy + retry", m, PAGES);
	uspace_enter(&p);
	m = kbench_start();
	for (int i = 0; i < PAGES; i++) {
		uint64_t *va = (uint64_t *)(VA + (uintptr_t)i * PAGE_SIZE);
		fault_resolve(&p, (uintptr_t)va, probe_store64(va, 1), &r);
		probe_store64(va, 1);
	}
	kbench_report("trap + cow reuse + retry", m, PAGES);
	uspace_leave();
	vm_space_destroy(&c);
	vm_space_destroy(&p);
}
