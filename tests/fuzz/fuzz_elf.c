/*
 * exec's ELF checks (proc/elf.c), fed whole files read the way
 * proc/exec.c:load_file reads them: the file header from offset 0, then
 * phnum program headers from phoff, each read short at the end of the
 * file.  Whatever the checks accept must be safe for exec to load: the
 * properties below are the ones load_file and its callers rely on.
 * Seeds: the user programs of the image and the deliberately bad one.
 */
#include <string.h>

#include "fuzz.h"
#include "include/user_layout.h"
#include "arch/layout.h"
#include "proc/elf.h"

static const uint8_t *file;
static uint64_t file_size;

/* Like exec's read_at over an inode: bytes copied, short at the end. */
static uint64_t read_at(void *dst, uint64_t off, uint64_t n)
{
	if (off >= file_size)
		return 0;
	if (n > file_size - off)
		n = file_size - off;
	memcpy(dst, file + off, n);
	return n;
}

static int disjoint(const struct elf_phdr *a, const struct elf_phdr *b)
{
	return a->vaddr + a->memsz <= b->vaddr || b->vaddr + b->memsz <= a->vaddr;
}

/* What an accepted file guarantees to load_file. */
static void check_loads(const struct elf_header *h,
			const struct elf_phdr *loads, int n, uint64_t limit)
{
	int entry_in_code = 0;
	uint64_t top = 0;
	FUZZ_CHECK(n >= 1 && n <= ELF_MAX_LOADS);
	for (int i = 0; i < n; i++) {
		const struct elf_phdr *p = &loads[i];
		FUZZ_CHECK(p->type == ELF_PT_LOAD);
		FUZZ_CHECK(p->filesz <= p->memsz);
		FUZZ_CHECK(p->offset <= file_size &&
			   p->filesz <= file_size - p->offset);
		FUZZ_CHECK(p->vaddr < limit && p->memsz <= limit - p->vaddr);
		for (int j = 0; j < i; j++)
			FUZZ_CHECK(disjoint(p, &loads[j]));
		if ((p->flags & ELF_PF_X) && h->entry >= p->vaddr &&
		    h->entry < p->vaddr + p->memsz)
			entry_in_code = 1;
		if (p->vaddr + p->memsz > top)
			top = p->vaddr + p->memsz;
	}
	FUZZ_CHECK(entry_in_code);
	/* exec puts the guard and stack pages above the highest segment. */
	FUZZ_CHECK(PAGE_ROUND_UP(top) +
			   (USER_GUARD_PAGES + USER_STACK_PAGES) * PAGE_SIZE <=
		   USER_BRK_LIMIT);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct elf_header h;
	struct elf_phdr ph[ELF_MAX_PHNUM], loads[ELF_MAX_LOADS];
	uint64_t limit = USER_BRK_LIMIT -
			 (USER_GUARD_PAGES + USER_STACK_PAGES) * PAGE_SIZE;
	file = data;
	file_size = size;
	if (read_at(&h, 0, sizeof h) != sizeof h ||
	    elf_check_header(&h, file_size) != ELF_OK)
		return 0;
	/* The header check is what keeps this read inside ph[]. */
	FUZZ_CHECK(h.phnum >= 1 && h.phnum <= ELF_MAX_PHNUM);
	uint64_t phbytes = h.phnum * sizeof ph[0];
	FUZZ_CHECK(read_at(ph, h.phoff, phbytes) == phbytes);
	int n = elf_check_segments(&h, ph, h.phnum, file_size, limit, loads);
	if (n > 0)
		check_loads(&h, loads, n, limit);
	else
		FUZZ_CHECK(elf_strerror(n) != 0);
	return 0;
}
