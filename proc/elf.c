/*
 * Every check is written so that no sum can wrap: a value is compared with
 * a limit minus the other operand, never added to it first.
 */
#include "proc/elf.h"

int elf_check_header(const struct elf_header *h, uint64_t file_size)
{
	if (file_size < sizeof *h || h->magic != ELF_MAGIC)
		return ELF_BAD_MAGIC;
	if (h->class != ELF_CLASS_64 || h->data != ELF_DATA_LE)
		return ELF_BAD_IDENT;
	if (h->type != ELF_TYPE_EXEC || h->machine != ELF_MACHINE_RISCV)
		return ELF_BAD_TYPE;
	if (h->phentsize != sizeof(struct elf_phdr) || h->phnum == 0 ||
	    h->phnum > ELF_MAX_PHNUM || h->phoff > file_size ||
	    (uint64_t)h->phnum * sizeof(struct elf_phdr) > file_size - h->phoff)
		return ELF_BAD_PHDRS;
	return ELF_OK;
}

static int check_load(const struct elf_phdr *ph, uint64_t file_size,
		      uint64_t limit)
{
	if (ph->filesz > ph->memsz || ph->offset > file_size ||
	    ph->filesz > file_size - ph->offset)
		return ELF_BAD_SEGMENT;
	if (ph->vaddr >= limit || ph->memsz > limit - ph->vaddr)
		return ELF_OUT_OF_RANGE;
	return ELF_OK;
}

static int overlaps(const struct elf_phdr *a, const struct elf_phdr *b)
{
	return a->vaddr < b->vaddr + b->memsz && b->vaddr < a->vaddr + a->memsz;
}

static int entry_ok(const struct elf_header *h, const struct elf_phdr *loads,
		    int n)
{
	for (int i = 0; i < n; i++)
		if ((loads[i].flags & ELF_PF_X) && h->entry >= loads[i].vaddr &&
		    h->entry - loads[i].vaddr < loads[i].memsz)
			return 1;
	return 0;
}

int elf_check_segments(const struct elf_header *h, const struct elf_phdr *ph,
		       int n, uint64_t file_size, uint64_t limit,
		       struct elf_phdr *loads)
{
	int nloads = 0;
	for (int i = 0; i < n; i++) {
		if (ph[i].type != ELF_PT_LOAD ||
		    (ph[i].memsz == 0 && ph[i].filesz == 0))
			continue; /* nothing to map */
		int err = check_load(&ph[i], file_size, limit);
		if (err)
			return err;
		if (nloads == ELF_MAX_LOADS)
			return ELF_TOO_MANY;
		for (int j = 0; j < nloads; j++)
			if (overlaps(&ph[i], &loads[j]))
				return ELF_OVERLAP;
		loads[nloads++] = ph[i];
	}
	if (!entry_ok(h, loads, nloads))
		return ELF_NO_ENTRY;
	return nloads;
}

const char *elf_strerror(int err)
{
	static const char *const text[] = {
		"ok", "bad magic", "not 64-bit little-endian",
		"not a RISC-V executable", "bad program header table",
		"bad segment", "segment out of range", "overlapping segments",
		"too many segments", "entry point not in code",
	};
	return err <= 0 && -err < (int)(sizeof text / sizeof text[0])
		       ? text[-err] : "unknown error";
}
