/* exec's ELF checks against damaged headers built here, field by field. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "proc/elf.h"

#define FILE_SIZE 0x4000
#define LIMIT 0x3fffffc000UL

struct exe {
	struct elf_header h;
	struct elf_phdr ph[ELF_MAX_LOADS + 2];
	int n;
};

/* A well-formed program like ours: text R-X at 0, data RW- at 0x2000,
 * and a non-loadable header that must be ignored. */
static struct exe good(void)
{
	struct exe e = { 0 };
	e.h.magic = ELF_MAGIC;
	e.h.class = ELF_CLASS_64;
	e.h.data = ELF_DATA_LE;
	e.h.type = ELF_TYPE_EXEC;
	e.h.machine = ELF_MACHINE_RISCV;
	e.h.entry = 0x100;
	e.h.phoff = 64;
	e.h.phentsize = sizeof(struct elf_phdr);
	e.h.phnum = 3;
	e.ph[0] = (struct elf_phdr){ ELF_PT_LOAD, ELF_PF_R | ELF_PF_X, 0x1000, 0,
				     0, 0x1800, 0x1800, 0x1000 };
	e.ph[1] = (struct elf_phdr){ ELF_PT_LOAD, ELF_PF_R | ELF_PF_W, 0x3000,
				     0x2000, 0x2000, 0x100, 0x900, 0x1000 };
	e.ph[2] = (struct elf_phdr){ 0x6474e551, 6, 0, 0, 0, 0, 0, 16 };
	e.n = 3;
	return e;
}

static int check(struct exe *e)
{
	struct elf_phdr loads[ELF_MAX_LOADS];
	int err = elf_check_header(&e->h, FILE_SIZE);
	if (err)
		return err;
	return elf_check_segments(&e->h, e->ph, e->n, FILE_SIZE, LIMIT, loads);
}

static void a_good_file_has_two_loadable_segments(void **state)
{
	(void)state;
	struct exe e = good();
	assert_int_equal(check(&e), 2);
}

static void header_damage_is_refused(void **state)
{
	(void)state;
	struct exe e = good();
	assert_int_equal(elf_check_header(&e.h, 63), ELF_BAD_MAGIC); /* truncated */
	e = good(), e.h.magic ^= 1;
	assert_int_equal(check(&e), ELF_BAD_MAGIC);
	e = good(), e.h.class = 1;
	assert_int_equal(check(&e), ELF_BAD_IDENT);
	e = good(), e.h.data = 2;
	assert_int_equal(check(&e), ELF_BAD_IDENT);
	e = good(), e.h.machine = 62;
	assert_int_equal(check(&e), ELF_BAD_TYPE);
	e = good(), e.h.type = 3;
	assert_int_equal(check(&e), ELF_BAD_TYPE);
}

static void program_header_table_must_be_inside(void **state)
{
	(void)state;
	struct exe e;
	e = good(), e.h.phentsize = 32;
	assert_int_equal(check(&e), ELF_BAD_PHDRS);
	e = good(), e.h.phnum = 0;
	assert_int_equal(check(&e), ELF_BAD_PHDRS);
	e = good(), e.h.phoff = FILE_SIZE + 1;
	assert_int_equal(check(&e), ELF_BAD_PHDRS);
	e = good(), e.h.phoff = FILE_SIZE - 56; /* 3 headers do not fit */
	assert_int_equal(check(&e), ELF_BAD_PHDRS);
	e = good(), e.h.phoff = UINT64_MAX - 8; /* would wrap */
	assert_int_equal(check(&e), ELF_BAD_PHDRS);
	e = good(), e.h.phnum = ELF_MAX_PHNUM + 1;
	assert_int_equal(check(&e), ELF_BAD_PHDRS);
}

static void segment_sizes_and_offsets_are_checked(void **state)
{
	(void)state;
	struct exe e;
	e = good(), e.ph[1].filesz = e.ph[1].memsz + 1;
	assert_int_equal(check(&e), ELF_BAD_SEGMENT);
	e = good(), e.ph[1].offset = FILE_SIZE - 0x80; /* data past the end */
	assert_int_equal(check(&e), ELF_BAD_SEGMENT);
	e = good(), e.ph[1].offset = UINT64_MAX - 0x10; /* offset + filesz wraps */
	assert_int_equal(check(&e), ELF_BAD_SEGMENT);
	e = good(), e.ph[1].filesz = UINT64_MAX, e.ph[1].memsz = UINT64_MAX;
	assert_int_equal(check(&e), ELF_BAD_SEGMENT);
}

static void segments_stay_below_the_limit(void **state)
{
	(void)state;
	struct exe e;
	e = good(), e.ph[1].vaddr = UINT64_MAX - 0x100; /* vaddr + memsz wraps */
	assert_int_equal(check(&e), ELF_OUT_OF_RANGE);
	e = good(), e.ph[1].vaddr = LIMIT;
	assert_int_equal(check(&e), ELF_OUT_OF_RANGE);
	e = good(), e.ph[1].vaddr = LIMIT - 0x100; /* memsz 0x900 crosses it */
	assert_int_equal(check(&e), ELF_OUT_OF_RANGE);
	e = good(), e.ph[1].memsz = UINT64_MAX - 0x1000, e.ph[1].filesz = 0;
	assert_int_equal(check(&e), ELF_OUT_OF_RANGE);
	e = good(), e.ph[1].vaddr = LIMIT - 0x900; /* ends exactly at it: fine */
	assert_int_equal(check(&e), 2);
}

static void overlapping_or_too_many_segments_are_refused(void **state)
{
	(void)state;
	struct exe e;
	e = good(), e.ph[1].vaddr = 0x1000; /* inside the text segment */
	assert_int_equal(check(&e), ELF_OVERLAP);
	e = good(), e.ph[1].vaddr = 0x1800; /* right after it: fine */
	assert_int_equal(check(&e), 2);
	e = good();
	for (int i = 0; i < ELF_MAX_LOADS + 1; i++)
		e.ph[i] = (struct elf_phdr){ ELF_PT_LOAD, ELF_PF_R | ELF_PF_X, 0,
					     (uint64_t)i * 0x1000, 0, 0, 0x10, 0 };
	e.n = ELF_MAX_LOADS + 1;
	e.h.phnum = (uint16_t)e.n;
	assert_int_equal(check(&e), ELF_TOO_MANY);
}

static void entry_must_be_in_code(void **state)
{
	(void)state;
	struct exe e;
	e = good(), e.h.entry = 0x2010; /* in data */
	assert_int_equal(check(&e), ELF_NO_ENTRY);
	e = good(), e.h.entry = 0x1800; /* one past the text */
	assert_int_equal(check(&e), ELF_NO_ENTRY);
	e = good(), e.ph[0].type = 0, e.ph[1].type = 0; /* nothing to load */
	assert_int_equal(check(&e), ELF_NO_ENTRY);
	assert_string_equal(elf_strerror(ELF_NO_ENTRY), "entry point not in code");
	assert_string_equal(elf_strerror(-99), "unknown error");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_good_file_has_two_loadable_segments),
		cmocka_unit_test(header_damage_is_refused),
		cmocka_unit_test(program_header_table_must_be_inside),
		cmocka_unit_test(segment_sizes_and_offsets_are_checked),
		cmocka_unit_test(segments_stay_below_the_limit),
		cmocka_unit_test(overlapping_or_too_many_segments_are_refused),
		cmocka_unit_test(entry_must_be_in_code),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
