/*
 * ASIDs handed out by generation.  A space's ASID is good while its
 * generation is the current one; when the numbers run out, a new
 * generation starts from 1 and every space gets a fresh number at its
 * next switch.  A hart whose TLB may still hold entries of an older
 * generation flushes everything once before it uses a newer ASID.  So
 * within a generation no two spaces share a number, and no TLB mixes
 * generations.
 *
 * Within a generation the only stale entries are a space's own, left on
 * a hart it ran on before: its page-table edits are flushed only on the
 * hart that makes them (there are no threads: a space runs on one hart at
 * a time).  So a space that arrives on a hart other than the one it last
 * ran on flushes its ASID there.  docs/memory.md says why that is enough.
 */
#include "mm/asid.h"

#include "arch/cpu.h"
#include "arch/riscv.h"
#include "arch/spinlock.h"
#include "arch/printk.h"
#include "mm/frame.h"
#include "mm/kvm.h"
#include "mm/tlb.h"
#include "mm/vm.h"
#include "mm/vmstat.h"
#include "mm/fastpath.h"

#define SATP_ASID_SHIFT 44
#define SATP_ASID_ALL 0xffffUL

static int nbits = -1;       /* ASIDLEN in use; -1 before the boot hart */
static uint32_t asid_max;    /* the largest ASID, 0 with none */
static struct spinlock asid_lock = SPINLOCK_INIT("asid");
static uint64_t generation = 1; /* written under asid_lock */
static uint32_t next_asid = 1;  /* 0 is the kernel's own table */

static int probe_bits(void)
{
	uint64_t satp = csr_read(satp);
	csr_write(satp, satp | SATP_ASID_ALL << SATP_ASID_SHIFT);
	uint64_t kept = csr_read(satp) >> SATP_ASID_SHIFT & SATP_ASID_ALL;
	csr_write(satp, satp);
	sfence_vma_all();
	return __builtin_popcountl(kept);
}

int asid_init_hart(int max_bits)
{
	int bits = probe_bits();
	if (bits > max_bits)
		bits = max_bits;
	if (nbits < 0) {
		nbits = bits;
		asid_max = (1u << bits) - 1;
		return 0;
	}
	return bits < nbits ? -1 : 0;
}

int asid_bits(void)
{
	return nbits;
}

/* A number of the current generation for vs. */
static void asid_assign(struct vm_space *vs)
{
	spin_lock(&asid_lock);
	if (vs->asid_gen != generation) {
		if (next_asid > asid_max) {
			__atomic_store_n(&generation, generation + 1,
					 __ATOMIC_RELEASE);
			next_asid = 1;
			vmstat_count(VM_ASID_ROLLOVER);
		}
		vs->asid = (uint16_t)next_asid++;
		vs->asid_gen = generation;
	}
	spin_unlock(&asid_lock);
}

/* satp for root and asid, written only if it changes. */
static void satp_install(struct cpu *c, pagetable_t root, uint16_t asid)
{
	uint64_t satp = SATP_FOR(kva_to_pa(root)) |
			(uint64_t)asid << SATP_ASID_SHIFT;
	if (csr_read(satp) != satp)
		csr_write(satp, satp);
	c->asid = asid;
}

/* satp points at root from here on; the old root may go once it does
 * not.  0 stands for the kernel's table, which is never freed.
 * root_held moves on only after the old root is let go, so that
 * asid_dead_root_held, which a count of free frames waits on, never misses
 * a root on its way to the free list. */
static void hold_root(struct cpu *c, pagetable_t root, uint16_t asid)
{
	pagetable_t old = c->root_held;
	if (root)
		frame_ref(kva_to_pa(root));
	satp_install(c, root ? root : kvm_root(), asid);
	if (old)
		frame_unref(kva_to_pa(old));
	__atomic_store_n(&c->root_held, root, __ATOMIC_RELEASE);
}

void asid_activate(struct vm_space *vs)
{
	struct cpu *c = cpu_this();
	int hart = (int)(c - cpus);
	if (asid_max == 0) {
		hold_root(c, vs->root, 0);
		tlb_flush_all(); /* every space is ASID 0 */
		return;
	}
	if (vs->asid_gen != __atomic_load_n(&generation, __ATOMIC_ACQUIRE))
		asid_assign(vs);
	hold_root(c, vs->root, vs->asid);
	if (vs->asid_gen != c->asid_gen) {
		tlb_flush_all(); /* older generations' numbers are reused */
		c->asid_gen = vs->asid_gen;
	} else if (vs->last_hart != hart) {
		tlb_flush_user(); /* edits made on other harts; or its first run */
	}
	vs->last_hart = hart;
}

/* No flush: the kernel's table maps nothing in the user half, and no
 * user space has ASID 0 unless there are no ASIDs, when every
 * asid_activate flushes everything anyway. */
void asid_activate_kernel(void)
{
	hold_root(cpu_this(), 0, 0);
}

/* A root held with no other reference: its space is gone.  A count of 0
 * is one too: the hart is letting go of it right now, and until
 * hold_root moves root_held on, frame_free may still be poisoning the
 * frame before it counts it free. */
static int holds_dead_root(struct cpu *c)
{
	pagetable_t root = __atomic_load_n((pagetable_t *)&c->root_held,
					   __ATOMIC_ACQUIRE);
	return root && frame_refcount(kva_to_pa(root)) <= 1;
}

int asid_dead_root_held(void)
{
	for (int i = 0; i < NCPU; i++)
		if (&cpus[i] != cpu_this() && holds_dead_root(&cpus[i]))
			return 1;
	return 0;
}

int asid_held_roots(paddr_t *out)
{
	int n = 0;
	for (int i = 0; i < NCPU; i++) {
		pagetable_t root = __atomic_load_n((pagetable_t *)&cpus[i].root_held,
						   __ATOMIC_ACQUIRE);
		if (root)
			out[n++] = kva_to_pa(root);
	}
	return n;
}
