/*
 * Self-tests of page tables on the real MMU: every edit must be visible to
 * the next access, which proves the TLB was flushed; and the kernel image
 * must be mapped W^X.
 */
#include "arch/probe.h"
#include "arch/riscv.h"
#include "kernel/ktest.h"
#include "mm/frame.h"
#include "mm/kvm.h"
#include "mm/tlb.h"
#include "arch/scause.h"
#include "mm/fastpath.h"

#define TEST_VA 0x40000000UL /* a lower-half page no one else uses */
#define PATTERN_A 0xaaaa0000aaaa0000UL
#define PATTERN_B 0xbbbb0000bbbb0000UL

static paddr_t frame_with(uint64_t pattern)
{
	paddr_t pa = frame_alloc(FRAME_ZERO);
	*(uint64_t *)pa_to_kva(pa) = pattern;
	return pa;
}

static void switch_to(pagetable_t root)
{
	csr_write(satp, SATP_FOR(kva_to_pa(root)));
	sfence_vma_all();
}

KTEST(sv39_map_unmap_protect_visible_through_tlb)
{
	size_t before = frame_free_count();
	volatile uint64_t *va = (volatile uint64_t *)TEST_VA;
	uint64_t v = 0;
	pagetable_t root = kvm_new_root();
	paddr_t a = frame_with(PATTERN_A), b = frame_with(PATTERN_B);

	KT_EQ(sv39_map(root, TEST_VA, a, PAGE_SIZE, PTE_R | PTE_W), 0);
	switch_to(root);
	KT_EQ(probe_load64(va, &v), 0);
	KT_EQ(v, PATTERN_A);
	KT_EQ(probe_store64(va, 42), 0);
	KT_EQ(*(uint64_t *)pa_to_kva(a), 42);

	/* Unmapped, as vm_unmap does it: the stale translation must go. */
	pte_t *pte = sv39_walk(root, TEST_VA, 0);
	*pte = 0;
	tlb_flush_page(TEST_VA);
	KT_EQ(probe_load64(va, &v), EXC_LOAD_PAGE_FAULT);

	/* Remapped elsewhere: the new frame must be seen, not the old one. */
	KT_EQ(sv39_map(root, TEST_VA, b, PAGE_SIZE, PTE_R | PTE_W), 0);
	KT_EQ(probe_load64(va, &v), 0);
	KT_EQ(v, PATTERN_B);

	/* Write-protected, as fork's sharing does it: loads still work,
	 * stores fault. */
	*pte = pte_cow_shared(*pte);
	tlb_flush_page(TEST_VA);
	KT_EQ(probe_load64(va, &v), 0);
	KT_EQ(probe_store64(va, 7), EXC_STORE_PAGE_FAULT);
	KT_EQ(*(uint64_t *)pa_to_kva(b), PATTERN_B);

	kvm_install_hart();
	sv39_destroy(root); /* drops the PTE's reference to b */
	frame_unref(a);
	KT_EQ(frame_free_count(), before);
}

KTEST(sv39_kernel_image_is_w_xor_x)
{
	extern char _kernel_start[], _text_end[], _rodata_end[];
	static uint64_t some_data;
	paddr_t pa;
	pte_t text, rodata, data;
	KT_EQ(sv39_translate(kvm_root(), (uintptr_t)_kernel_start, &pa, &text), 0);
	KT_EQ(sv39_translate(kvm_root(), (uintptr_t)_text_end, &pa, &rodata), 0);
	KT_EQ(sv39_translate(kvm_root(), (uintptr_t)&some_data, &pa, &data), 0);
	KT_CHECK(pte_executable(text) && !pte_writable(text));
	KT_CHECK(!pte_executable(rodata) && !pte_writable(rodata));
	KT_CHECK(!pte_executable(data) && pte_writable(data));
	/* The MMU enforces it: a store into text or rodata faults. */
	KT_EQ(probe_store64((uint64_t *)_kernel_start, 0), EXC_STORE_PAGE_FAULT);
	KT_EQ(probe_store64((uint64_t *)(_rodata_end - 8), 0),
	      EXC_STORE_PAGE_FAULT);
	KT_EQ(probe_store64(&some_data, 1), 0);
	KT_EQ(some_data, 1);
}

KTEST(sv39_no_user_half_in_kernel_table)
{
	uint64_t v;
	KT_EQ(probe_load64((uint64_t *)0x1000, &v), EXC_LOAD_PAGE_FAULT);
	KT_EQ(probe_load64((uint64_t *)(USER_TOP - 8), &v), EXC_LOAD_PAGE_FAULT);
}
