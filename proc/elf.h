/*
 * ELF64 executables as exec accepts them (docs/abi.md §5),
 * and the checks that make a malformed file a -1 instead of a crash.
 * Pure functions over headers already read into memory, so the host unit
 * tests can feed them every kind of damage.
 */
#pragma once

#include <stdint.h>

#define ELF_MAGIC 0x464c457fU /* "\x7fELF" read little-endian */
#define ELF_CLASS_64 2
#define ELF_DATA_LE 1
#define ELF_TYPE_EXEC 2
#define ELF_MACHINE_RISCV 243
#define ELF_PT_LOAD 1
#define ELF_PF_X 1
#define ELF_PF_W 2
#define ELF_PF_R 4
#define ELF_MAX_LOADS 8 /* xv6 programs have two */
#define ELF_MAX_PHNUM 64

struct elf_header {
	uint32_t magic;
	uint8_t class, data, ident_version, osabi;
	uint8_t ident_pad[8];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf_phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

_Static_assert(sizeof(struct elf_header) == 64, "ELF64 file header");
_Static_assert(sizeof(struct elf_phdr) == 56, "ELF64 program header");

enum elf_error {
	ELF_OK = 0,
	ELF_BAD_MAGIC = -1,
	ELF_BAD_IDENT = -2,   /* not 64-bit little-endian */
	ELF_BAD_TYPE = -3,    /* not an executable for RISC-V */
	ELF_BAD_PHDRS = -4,   /* program header table missing or outside */
	ELF_BAD_SEGMENT = -5, /* filesz > memsz, data outside the file... */
	ELF_OUT_OF_RANGE = -6, /* a segment wraps or reaches past the limit */
	ELF_OVERLAP = -7,
	ELF_TOO_MANY = -8,    /* more loadable segments than ELF_MAX_LOADS */
	ELF_NO_ENTRY = -9,    /* no segment, or entry not in executable code */
};

/* The file header of a file of file_size bytes. */
int elf_check_header(const struct elf_header *h, uint64_t file_size);

/* The PT_LOAD headers among ph[0..n), checked one by one and against each
 * other, with every byte below limit; h->entry must lie in an executable
 * segment.  Returns the number of loadable segments (copied to loads[],
 * which holds ELF_MAX_LOADS), or an elf_error. */
int elf_check_segments(const struct elf_header *h, const struct elf_phdr *ph,
		       int n, uint64_t file_size, uint64_t limit,
		       struct elf_phdr *loads);

const char *elf_strerror(int err);
