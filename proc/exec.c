/*
 * exec: build a whole new address space from an ELF file next to the old
 * one, and swap them only when nothing can fail any more.  Until then the
 * caller's memory, registers and break are untouched, so every error is a
 * plain -1.  Layout and initial stack: include/user_layout.h and
 * docs/abi.md §4-5.
 */
#include "proc/exec.h"

#include "proc/sched/proc.h"

#include "arch/riscv.h"
#include "fs/fs.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/asid.h"
#include "mm/table.h"
#include "proc/elf.h"
#include "proc/trace.h"
#include "fs/path.h"
#include "fs/inode.h"
#include "fs/io_buf.h"

struct image {
	struct vm_space vs;
	uintptr_t entry;
	uintptr_t stack_top;
	uintptr_t sp;
};

static long read_at(struct inode *ip, void *dst, uint64_t off, uint64_t n)
{
	struct io_buf buf = { 0, (uintptr_t)dst };
	return inode_read(ip, buf, (uint32_t)off, (uint32_t)n);
}

static pte_t segment_perm(uint32_t flags)
{
	pte_t perm = PTE_U | PTE_R;
	if (flags & ELF_PF_W)
		perm |= PTE_W;
	if (flags & ELF_PF_X)
		perm |= PTE_X;
	return perm;
}

/* The page at va, mapped with at least perm: a page two segments share
 * gets the union of their permissions.  Kernel pointer to it, or 0. */
static uint8_t *segment_page(struct vm_space *vs, uintptr_t va, pte_t perm)
{
	pte_t *pte = table_slot_for_change(vs, va, 1);
	if (!pte)
		return 0;
	if (pte_valid(*pte)) {
		*pte |= perm;
		return pa_to_kva(pte_pa(*pte));
	}
	paddr_t pa = frame_alloc(FRAME_ZERO);
	if (!pa)
		return 0;
	*pte = pte_leaf(pa, perm);
	return pa_to_kva(pa);
}

static int load_segment(struct vm_space *vs, struct inode *ip,
			const struct elf_phdr *ph)
{
	pte_t perm = segment_perm(ph->flags);
	uintptr_t end = ph->vaddr + ph->memsz;
	for (uintptr_t va = PAGE_ROUND_DOWN(ph->vaddr); va < end;
	     va += PAGE_SIZE) {
		uint8_t *page = segment_page(vs, va, perm);
		if (!page)
			return -1;
		/* The part of this page that comes from the file. */
		uintptr_t lo = va > ph->vaddr ? va : ph->vaddr;
		uintptr_t hi = ph->vaddr + ph->filesz;
		if (hi > va + PAGE_SIZE)
			hi = va + PAGE_SIZE;
		if (lo < hi &&
		    read_at(ip, page + (lo - va), ph->offset + (lo - ph->vaddr),
			    hi - lo) != (long)(hi - lo))
			return -1;
	}
	return 0;
}

/* Checks the file and maps its segments; img->stack_top is set above them. */
static int load_file(struct image *img, struct inode *ip)
{
	struct elf_header h;
	struct elf_phdr ph[ELF_MAX_PHNUM], loads[ELF_MAX_LOADS];
	uint64_t size = ip->d->size;
	/* Room for the guard and stack pages above the last segment. */
	uint64_t limit = USER_BRK_LIMIT -
			 (USER_GUARD_PAGES + USER_STACK_PAGES) * PAGE_SIZE;
	if (read_at(ip, &h, 0, sizeof h) != sizeof h ||
	    elf_check_header(&h, size) != ELF_OK)
		return -1;
	long phbytes = (long)(h.phnum * sizeof ph[0]);
	if (read_at(ip, ph, h.phoff, (uint64_t)phbytes) != phbytes)
		return -1;
	int n = elf_check_segments(&h, ph, h.phnum, size, limit, loads);
	if (n <= 0)
		return -1;
	uintptr_t top = 0;
	for (int i = 0; i < n; i++) {
		if (load_segment(&img->vs, ip, &loads[i]))
			return -1;
		if (loads[i].vaddr + loads[i].memsz > top)
			top = loads[i].vaddr + loads[i].memsz;
	}
	img->entry = h.entry;
	img->stack_top = PAGE_ROUND_UP(top) +
			 (USER_GUARD_PAGES + USER_STACK_PAGES) * PAGE_SIZE;
	return 0;
}

/*
 * Strings first (argv[0] highest), each 16-byte aligned, then the pointer
 * array with its null; the whole block must fit in the one stack page.
 */
static int build_stack(struct image *img, char *const argv[], int argc)
{
	uintptr_t lo = img->stack_top - USER_STACK_PAGES * PAGE_SIZE;
	if (vm_alloc_range(&img->vs, lo, img->stack_top, VM_USER_RW))
		return -1;
	uint8_t *page = pa_to_kva(pte_pa(*sv39_walk(img->vs.root, lo, 0)));
	uint64_t ustr[USER_MAXARG];
	uintptr_t sp = img->stack_top;
	for (int i = 0; i < argc; i++) {
		size_t len = strlen(argv[i]) + 1;
		if (len > sp - lo)
			return -1;
		sp = (sp - len) & ~15UL;
		if (sp < lo)
			return -1;
		memcpy(page + (sp - lo), argv[i], len);
		ustr[i] = sp;
	}
	size_t table = (size_t)(argc + 1) * sizeof(uint64_t);
	if (table > sp - lo)
		return -1;
	sp = (sp - table) & ~15UL;
	if (sp < lo)
		return -1;
	ustr[argc] = 0;
	memcpy(page + (sp - lo), ustr, table);
	img->sp = sp;
	return 0;
}

static void set_name(struct proc *p, const char *path)
{
	const char *last = path;
	for (const char *s = path; *s; s++)
		if (*s == '/')
			last = s + 1;
	size_t n = strnlen(last, sizeof p->name - 1);
	/* All of it: the name is copied out whole (pgmap, trace), and the
	 * old name's tail must not follow the new name's NUL. */
	memset(p->name, 0, sizeof p->name);
	memcpy(p->name, last, n);
}

/* Point of no return: the process takes the new image. */
static void commit(struct proc *p, struct image *img, const char *path,
		   int argc)
{
	/* The process keeps its root page, which other harts may still have
	 * in satp (mm/asid.c); only what hangs below it changes. */
	vm_space_replace(&p->vs, &img->vs);
	p->vs.zero_lo = p->vs.zero_hi = img->stack_top; /* no lazy heap yet */
	asid_activate(&p->vs);
	p->sz = p->heap_base = img->stack_top;
	memset(p->tf->x, 0, sizeof p->tf->x);
	p->tf->sepc = img->entry;
	p->tf->sp = img->sp;
	p->tf->a0 = (uint64_t)argc;
	p->tf->a1 = img->sp;
	p->tf->sstatus &= ~SSTATUS_FS; /* a new program starts without FP */
	memset(&p->fpu, 0, sizeof p->fpu);
	set_name(p, path);
	trace_exec(p);
}

int proc_exec(const char *path, char *const argv[], int argc)
{
	struct proc *p = proc_current();
	struct image img = { 0 };
	if (argc >= USER_MAXARG)
		return -1;
	struct inode *ip = path_lookup(p->cwd, path);
	if (!ip)
		return -1;
	if (vm_space_create(&img.vs)) {
		inode_put(ip);
		return -1;
	}
	inode_lock(ip);
	int err = ip->d->type != FS_T_FILE || load_file(&img, ip);
	inode_unlock(ip);
	inode_put(ip);
	if (err || build_stack(&img, argv, argc)) {
		vm_space_destroy(&img.vs);
		return -1;
	}
	commit(p, &img, path, argc);
	return argc; /* lands in a0, which commit already set to argc */
}
