/*
 * Kernel mappings, built once at boot and never changed afterwards, which
 * is what lets every process root simply copy the kernel's upper-half root
 * entries: the level-1 tables below them are shared by all.  RAM outside
 * the image uses 2 MiB leaves; the image uses 4 KiB leaves so each section
 * gets exactly its permission (text R-X, rodata R--, data/bss RW-).
 */
#include "mm/kvm.h"

#include "arch/machine.h"
#include "arch/riscv.h"
#include "arch/panic.h"
#include "lib/string.h"

extern char _kernel_start[], _text_end[], _rodata_end[], _kernel_end[];

static pagetable_t kernel_root;

static void map_or_panic(uintptr_t va, paddr_t pa, size_t size, pte_t perm,
			 int large)
{
	int err = large ? sv39_map_large(kernel_root, va, pa, size, perm)
			: sv39_map(kernel_root, va, pa, size, perm);
	if (err)
		panic("kvm_init: out of memory mapping va 0x%lx", va);
}

static void map_direct(paddr_t pa, paddr_t end, pte_t perm, int large)
{
	if (end > pa)
		map_or_panic((uintptr_t)pa_to_kva(pa), pa, end - pa, perm, large);
}

static void map_image(void)
{
	const pte_t k = PTE_G;
	map_direct(kva_to_pa(_kernel_start), kva_to_pa(_text_end),
		   k | PTE_R | PTE_X, 0);
	map_direct(kva_to_pa(_text_end), kva_to_pa(_rodata_end), k | PTE_R, 0);
	map_direct(kva_to_pa(_rodata_end), kva_to_pa(_kernel_end),
		   k | PTE_R | PTE_W, 0);
}

/* One RAM range, minus the image if it lies inside. */
static void map_ram(const struct mem_range *r)
{
	const pte_t rw = PTE_G | PTE_R | PTE_W;
	paddr_t lo = PAGE_ROUND_DOWN(r->base);
	paddr_t hi = PAGE_ROUND_UP(r->base + r->size);
	paddr_t img_lo = kva_to_pa(_kernel_start), img_hi = kva_to_pa(_kernel_end);
	if (hi > DMAP_LIMIT_PA)
		panic("kvm_init: RAM at 0x%lx beyond the direct map", hi);
	if (img_hi <= lo || img_lo >= hi) {
		map_direct(lo, hi, rw, 1);
		return;
	}
	map_direct(lo, img_lo, rw, 1);
	map_direct(img_hi, hi, rw, 1);
}

static void map_device(const struct mmio_device *d)
{
	if (d->size)
		map_direct(PAGE_ROUND_DOWN(d->base), PAGE_ROUND_UP(d->base + d->size),
			   PTE_G | PTE_R | PTE_W, 1);
}

void kvm_init(const struct machine *m)
{
	kernel_root = sv39_alloc_table();
	if (!kernel_root)
		panic("kvm_init: no memory for the root table");
	map_image();
	for (int i = 0; i < m->nram; i++)
		map_ram(&m->ram[i]);
	map_device(&m->uart);
	map_device(&m->plic);
	map_device(&m->finisher);
}

void kvm_install_hart(void)
{
	sfence_vma_all(); /* table writes before the walker can use them */
	csr_write(satp, SATP_FOR(kva_to_pa(kernel_root)));
	sfence_vma_all(); /* nothing of the previous table stays */
}

pagetable_t kvm_new_root(void)
{
	pagetable_t root = sv39_alloc_table();
	if (root)
		memcpy(&root[SV39_USER_ENTRIES], &kernel_root[SV39_USER_ENTRIES],
		       SV39_USER_ENTRIES * sizeof(pte_t));
	return root;
}

pagetable_t kvm_root(void)
{
	return kernel_root;
}
