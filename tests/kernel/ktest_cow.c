/*
 * Copy-on-write on real Sv39 tables.  Each test builds user spaces, runs
 * on them (satp switched, sstatus.SUM set so S-mode may touch U pages),
 * and uses probes to see what the MMU itself allows.  fault_resolve is called
 * with the scause the probe reported, exactly as trap dispatch will for a
 * user fault.  Every test ends with the reference checker clean and the
 * free-frame count back where it started.
 */
#include "arch/probe.h"
#include "arch/cmdline.h"
#include "kernel/ktest.h"
#include "arch/printk.h"
#include "mm/fault.h"
#include "mm/frame.h"
#include "mm/refcheck.h"
#include "mm/uaccess.h"
#include "mm/vmstat.h"
#include "arch/scause.h"
#include "uspace.h"
#include "mm/fastpath.h"
#include "mm/fork.h"

#define VA 0x10000UL
/* lab lazy: begin */
#define LAZY 0x400000UL
/* lab lazy: end */

static int refs_clean(struct vm_space **spaces, int n)
{
	struct refcheck_mismatch m;
	return !vm_check_refs(spaces, n, 0, 0, &m);
}

/* Spaces reaching the frame at va: its count, plus the other holders of
 * its level-0 table when fork shared that table. */
static uint32_t mappers(struct vm_space *vs, uintptr_t va)
{
	pte_t *leaf = sv39_walk(vs->root, va, 0);
	paddr_t table = PAGE_ROUND_DOWN(kva_to_pa(leaf));
	return frame_refcount(pte_pa(*leaf)) + frame_refcount(table) - 1;
}

static void fill(struct vm_space *vs, int pages, uint64_t tag)
{
	vm_alloc_range(vs, VA, VA + (uintptr_t)pages * PAGE_SIZE, VM_USER_RW);
	uspace_enter(vs);
	for (int i = 0; i < pages; i++)
		probe_store64((uint64_t *)(VA + (uintptr_t)i * PAGE_SIZE), tag + (uint64_t)i);
	uspace_leave();
}

KTEST(cow_share_then_write_each_side_on_the_mmu)
{
	size_t before = frame_free_count();
	struct vm_space p, c;
	uint64_t v = 0;
	vm_space_create(&p);
	vm_space_create(&c);
	fill(&p, 8, 100);
	KT_EQ(fork_space(&p, &c), 0);

	uspace_enter(&c);
	KT_EQ(probe_store64((uint64_t *)VA, 1), EXC_STORE_PAGE_FAULT);
	KT_EQ(uspace_store(&c, VA, 1), 0);
	KT_EQ(uspace_load(&c, VA, &v), 0);
	KT_EQ(v, 1);
	KT_EQ(uspace_load(&c, VA + PAGE_SIZE, &v), 0);
	KT_EQ(v, 101);
	uspace_enter(&p);
	KT_EQ(uspace_load(&p, VA, &v), 0);
	KT_EQ(v, 100); /* the child's store is not visible here */
	KT_EQ(probe_store64((uint64_t *)VA, 2), EXC_STORE_PAGE_FAULT);
	KT_EQ(uspace_store(&p, VA, 2), 0); /* sole owner now: reuse */
	uspace_enter(&c);
	KT_EQ(uspace_load(&c, VA, &v), 0);
	KT_EQ(v, 1);
	uspace_leave();

	struct vm_space *all[] = { &p, &c };
	KT_CHECK(refs_clean(all, 2));
	vm_space_destroy(&c);
	vm_space_destroy(&p);
	KT_EQ(frame_free_count(), before);
}

KTEST(cow_sole_owner_reuse_makes_no_copy)
{
	size_t before = frame_free_count();
	struct vm_space p, c;
	vm_space_create(&p);
	vm_space_create(&c);
	fill(&p, 1, 7);
	paddr_t frame = pte_pa(*sv39_walk(p.root, VA, 0));
	KT_EQ(fork_space(&p, &c), 0);
	vm_space_destroy(&c);
	struct vm_stats s0, s1;
	vmstat_snapshot(&s0);
	uspace_enter(&p);
	KT_EQ(uspace_store(&p, VA, 8), 0);
	uspace_leave();
	vmstat_snapshot(&s1);
	KT_EQ(s1.cow_reuses, s0.cow_reuses + 1);
	KT_EQ(s1.cow_copies, s0.cow_copies);
	KT_EQ(pte_pa(*sv39_walk(p.root, VA, 0)), frame);
	vm_space_destroy(&p);
	KT_EQ(frame_free_count(), before);
}

KTEST(cow_text_stays_read_only_after_share)
{
	size_t before = frame_free_count();
	struct vm_space p, c;
	uint64_t v;
	vm_space_create(&p);
	vm_space_create(&c);
	vm_alloc_range(&p, 0, PAGE_SIZE, PTE_U | PTE_R | PTE_X);
	KT_EQ(fork_space(&p, &c), 0);
	uspace_enter(&c);
	KT_EQ(uspace_store(&c, 0, 1), FAULT_PROTECTION);
	KT_EQ(uspace_load(&c, 0, &v), 0);
	uspace_enter(&p);
	KT_EQ(uspace_store(&p, 0, 1), FAULT_PROTECTION);
	uspace_leave();
	KT_EQ(mappers(&c, 0), 2);
	vm_space_destroy(&c);
	vm_space_destroy(&p);
	KT_EQ(frame_free_count(), before);
}

/* lab lazy: begin */
KTEST(cow_demand_zero_read_then_write_on_the_mmu)
{
	size_t before = frame_free_count();
	struct vm_space vs;
	uint64_t v = 1;
	vm_space_create(&vs);
	vs.zero_lo = LAZY;
	vs.zero_hi = LAZY + 64 * PAGE_SIZE;
	uspace_enter(&vs);
	KT_EQ(probe_load64((uint64_t *)LAZY, &v), EXC_LOAD_PAGE_FAULT);
	KT_EQ(uspace_load(&vs, LAZY, &v), 0);
	KT_EQ(v, 0);
	KT_EQ(pte_pa(*sv39_walk(vs.root, LAZY, 0)), vm_zero_frame());
	KT_EQ(uspace_store(&vs, LAZY, 5), 0);
	KT_EQ(uspace_load(&vs, LAZY, &v), 0);
	KT_EQ(v, 5);
	KT_EQ(uspace_store(&vs, LAZY + 63 * PAGE_SIZE, 6), 0);
	KT_EQ(uspace_load(&vs, LAZY + 64 * PAGE_SIZE, &v), FAULT_UNMAPPED);
	KT_EQ(*(uint64_t *)pa_to_kva(vm_zero_frame()), 0);
	uspace_leave();
	struct vm_space *all[] = { &vs };
	KT_CHECK(refs_clean(all, 1));
	vm_space_destroy(&vs);
	KT_EQ(frame_free_count(), before);
}
/* lab lazy: end */

KTEST(cow_copyout_breaks_sharing_like_a_store)
{
	size_t before = frame_free_count();
	struct vm_space p, c;
	uint64_t v = 0, value = 0xfeed;
	vm_space_create(&p);
	vm_space_create(&c);
	fill(&p, 2, 40);
	KT_EQ(fork_space(&p, &c), 0);
	KT_EQ(uaccess_copyout(&c, VA + PAGE_SIZE, &value, sizeof value), 0);
	uspace_enter(&c);
	KT_EQ(uspace_load(&c, VA + PAGE_SIZE, &v), 0);
	KT_EQ(v, 0xfeed);
	uspace_enter(&p);
	KT_EQ(uspace_load(&p, VA + PAGE_SIZE, &v), 0);
	KT_EQ(v, 41);
	uspace_leave();
	KT_EQ(uaccess_copyout(&c, 0x3fffffe000UL, &value, sizeof value), -1);
	KT_EQ(uaccess_copyout(&c, (uintptr_t)&value, &value, sizeof value), -1);
	vm_space_destroy(&c);
	vm_space_destroy(&p);
	KT_EQ(frame_free_count(), before);
}

KTEST(cow_fork_chain_diverges_at_every_level)
{
	size_t before = frame_free_count();
	struct vm_space gen[4];
	uint64_t v;
	vm_space_create(&gen[0]);
	fill(&gen[0], 3, 0);
	for (int g = 1; g < 4; g++) {
		vm_space_create(&gen[g]);
		KT_EQ(fork_space(&gen[g - 1], &gen[g]), 0);
		uspace_enter(&gen[g]);
		KT_EQ(uspace_store(&gen[g], VA, 10 * (uint64_t)g), 0);
		uspace_leave();
	}
	for (int g = 0; g < 4; g++) {
		uspace_enter(&gen[g]);
		KT_EQ(uspace_load(&gen[g], VA, &v), 0);
		KT_EQ(v, 10 * (uint64_t)g);
		KT_EQ(uspace_load(&gen[g], VA + 2 * PAGE_SIZE, &v), 0);
		KT_EQ(v, 2);
	}
	uspace_leave();
	struct vm_space *all[] = { &gen[0], &gen[1], &gen[2], &gen[3] };
	KT_CHECK(refs_clean(all, 4));
	for (int g = 3; g >= 0; g--)
		vm_space_destroy(&gen[g]);
	KT_EQ(frame_free_count(), before);
}

static void print_line(const char *line)
{
	kprintf("# %s\n", line);
}

KTEST(cow_refcheck_catches_a_corrupted_count)
{
	struct vm_space p, c;
	struct refcheck_mismatch m;
	vm_space_create(&p);
	vm_space_create(&c);
	fill(&p, 1, 0);
	KT_EQ(fork_space(&p, &c), 0);
	paddr_t pa = pte_pa(*sv39_walk(p.root, VA, 0));
	frame_ref(pa);
	struct vm_space *all[] = { &p, &c };
	KT_EQ(vm_check_refs(all, 2, 0, 0, &m), 1);
	/* Two leaves map it, or one in a table both spaces share. */
	uint32_t leaves = fork_mode() == FORK_PTE ? 2 : 1;
	KT_EQ(m.pa, pa);
	KT_EQ(m.refs, leaves + 1);
	KT_EQ(m.expected, leaves);
	pagetable_t roots[] = { p.root, c.root };
	refcheck_report(&m, roots, 2, print_line);
	frame_unref(pa);
	KT_CHECK(refs_clean(all, 2));
	vm_space_destroy(&c);
	vm_space_destroy(&p);
}

/* One round of fork-like work that may meet allocation failures anywhere:
 * whatever fails must leave nothing behind. */
static void share_write_destroy(struct ktest_ctx *t, int round)
{
	struct vm_space p, c;
	if (vm_space_create(&p))
		return;
	/* lab lazy: begin */
	p.zero_lo = LAZY;
	p.zero_hi = LAZY + 16 * PAGE_SIZE;
	/* lab lazy: end */
	vm_alloc_range(&p, VA, VA + 8 * PAGE_SIZE, VM_USER_RW);
	if (vm_space_create(&c) == 0) {
		if (fork_space(&p, &c) == 0) {
			uspace_enter(&c);
			for (int i = 0; i < 8; i++)
				uspace_store(&c, VA + (uintptr_t)i * PAGE_SIZE, (uint64_t)round);
			/* lab lazy: begin */
			uspace_store(&c, LAZY + (uintptr_t)(round % 16) * PAGE_SIZE, 1);
			/* lab lazy: end */
			uspace_leave();
		}
		struct vm_space *all[] = { &p, &c };
		KT_CHECK(refs_clean(all, 2));
		vm_space_destroy(&c);
	}
	vm_space_destroy(&p);
}

KTEST(cow_failures_leak_nothing)
{
	size_t before = frame_free_count();
	uint64_t boot_rate = cmdline_get_u64("failalloc", 0);
	frame_fail_every(boot_rate ? boot_rate : 5);
	for (int round = 0; round < 200; round++)
		share_write_destroy(t, round);
	frame_fail_every(boot_rate);
	KT_EQ(frame_free_count(), before);
}
