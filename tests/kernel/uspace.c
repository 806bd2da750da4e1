/* See uspace.h. */
#include "uspace.h"

#include "arch/probe.h"
#include "arch/riscv.h"
#include "mm/fault.h"
#include "mm/kvm.h"

void uspace_enter(struct vm_space *vs)
{
	csr_write(satp, SATP_FOR(kva_to_pa(vs->root)));
	sfence_vma_all();
	csr_set(sstatus, SSTATUS_SUM);
}

void uspace_leave(void)
{
	csr_clear(sstatus, SSTATUS_SUM);
	kvm_install_hart();
}

int uspace_store(struct vm_space *vs, uintptr_t va, uint64_t v)
{
	uint64_t cause = probe_store64((uint64_t *)va, v);
	if (cause == 0)
		return 0;
	struct fault_report r;
	if (!fault_handled(fault_resolve(vs, va, cause, &r)))
		return (int)r.outcome;
	return probe_store64((uint64_t *)va, v) ? -100 : 0;
}

int uspace_load(struct vm_space *vs, uintptr_t va, uint64_t *v)
{
	uint64_t cause = probe_load64((uint64_t *)va, v);
	if (cause == 0)
		return 0;
	struct fault_report r;
	if (!fault_handled(fault_resolve(vs, va, cause, &r)))
		return (int)r.outcome;
	return probe_load64((uint64_t *)va, v) ? -100 : 0;
}
