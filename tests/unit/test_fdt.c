/*
 * Device-tree parsing against blobs that dtc (and QEMU) produced in the
 * build, valid and malformed, plus corruptions made here byte by byte.
 * Run under ASan/UBSan: a parser that reads outside the blob fails loudly.
 * argv[1] is the directory holding the compiled blobs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "arch/fdt.h"
#include "arch/machine.h"
#include "host.h"

static const char *blob_dir;
static struct machine m;

static void *load_blob(const char *name, size_t *size)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", blob_dir, name);
	return read_file(path, size);
}

static int parse_file(const char *name)
{
	size_t size;
	void *blob = load_blob(name, &size);
	int err = machine_from_fdt(&m, blob, size);
	free(blob);
	return err;
}

static void virt_like_blob_describes_the_machine(void **state)
{
	(void)state;
	assert_int_equal(parse_file("virt-like.dtb"), 0);
	assert_int_equal(m.nram, 2);
	assert_int_equal(m.ram[0].base, 0x80000000);
	assert_int_equal(m.ram[0].size, 0x8000000);
	assert_int_equal(m.ram[1].base, 0x100000000);
	assert_int_equal(machine_ram_bytes(&m), 0x8000000 + 0x4000000);
	/* /memreserve/ first, then /reserved-memory; the sizeless pool is
	 * not placed yet and so not listed. */
	assert_int_equal(m.nreserved, 3);
	assert_int_equal(m.reserved[0].base, 0x87f00000);
	assert_int_equal(m.reserved[1].base, 0x80000000);
	assert_int_equal(m.reserved[2].size, 0x20000);
	assert_int_equal(m.initrd_start, 0x84000000);
	assert_int_equal(m.initrd_end, 0x84100000);
	assert_string_equal(m.bootargs, "ktest=all answer=42 init.cmd=\"echo ok\"");
	assert_int_equal(m.nharts, 3);
	assert_int_equal(m.hart_id[2], 2);
	assert_int_equal(m.timebase_hz, 10000000);
	assert_true(m.has_sstc);
	assert_int_equal(m.uart.base, 0x10000000);
	assert_int_equal(m.uart.irq, 10);
	assert_int_equal(m.uart_clock_hz, 3686400);
	assert_int_equal(m.plic.base, 0xc000000);
	assert_int_equal(m.plic_ndev, 96);
	/* Contexts alternate M, S per hart: S contexts are 1, 3, 5. */
	assert_int_equal(m.plic_s_context[0], 1);
	assert_int_equal(m.plic_s_context[1], 3);
	assert_int_equal(m.plic_s_context[2], 5);
	assert_int_equal(m.finisher.base, 0x100000);
	assert_int_equal(m.hart_id[1], 1);
}

static void qemu_dumped_blob_is_understood(void **state)
{
	(void)state;
	assert_int_equal(parse_file("qemu-virt.dtb"), 0);
	assert_int_equal(m.nram, 1);
	assert_int_equal(m.ram[0].base, 0x80000000);
	assert_int_equal(m.ram[0].size, 128 << 20);
	assert_int_equal(m.nharts, 3);
	assert_int_equal(m.uart.base, 0x10000000);
	assert_int_equal(m.finisher.base, 0x100000);
	assert_int_not_equal(m.plic.size, 0);
	for (int h = 0; h < 3; h++)
		assert_int_equal(m.plic_s_context[h], 2 * h + 1);
}

static void one_cell_blob_with_disabled_hart(void **state)
{
	(void)state;
	assert_int_equal(parse_file("small-cells.dtb"), 0);
	assert_int_equal(m.nram, 2);
	assert_int_equal(m.ram[1].base, 0x90000000);
	assert_int_equal(m.ram[1].size, 0x800000);
	assert_int_equal(m.initrd_start, 0x81000000);
	assert_int_equal(m.initrd_end, 0x81002000);
	assert_int_equal(m.nharts, 1); /* cpu@1 is disabled */
	assert_false(m.has_sstc);      /* cpu@0 lacks it */
	assert_int_equal(m.timebase_hz, 1000000);
	assert_int_equal(m.uart.size, 0);
	assert_string_equal(m.bootargs, "");
}

/* A long command line once failed the whole device tree (and boot
 * panicked): the machine is understood, with a prefix of it kept. */
static void long_bootargs_keep_a_prefix(void **state)
{
	(void)state;
	assert_int_equal(parse_file("long-bootargs.dtb"), 0);
	assert_int_equal(strlen(m.bootargs), MACHINE_BOOTARGS_MAX - 1);
	assert_true(m.bootargs_cut);
	assert_memory_equal(m.bootargs, "word0000 word0001 ", 18);
	assert_int_equal(m.nram, 1);
	assert_int_equal(m.nharts, 1);
	assert_int_equal(parse_file("virt-like.dtb"), 0);
	assert_false(m.bootargs_cut);
}

static void malformed_blobs_are_rejected(void **state)
{
	(void)state;
	static const struct {
		const char *file;
		int err;
	} cases[] = {
		{ "bad-memory-reg.dtb", FDT_ERR_VALUE },
		{ "no-memory.dtb", FDT_ERR_VALUE },
		{ "three-address-cells.dtb", FDT_ERR_VALUE },
		{ "initrd-backwards.dtb", FDT_ERR_VALUE },
		{ "unterminated-status.dtb", FDT_ERR_VALUE },
		{ "too-deep.dtb", FDT_ERR_TOO_DEEP },
		{ "too-many-ranges.dtb", FDT_ERR_CAPACITY },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int err = parse_file(cases[i].file);
		if (err != cases[i].err)
			fail_msg("%s: got %d (%s), want %d", cases[i].file, err,
				 fdt_strerror(err), cases[i].err);
	}
}

static void error_names_the_node(void **state)
{
	(void)state;
	assert_int_equal(parse_file("bad-memory-reg.dtb"), FDT_ERR_VALUE);
	assert_string_equal(m.error_at, "memory@80000000");
}

/* Big-endian 32-bit store into a blob. */
static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24, p[1] = v >> 16, p[2] = v >> 8, p[3] = (uint8_t)v;
}

/* Parses a copy of the valid blob after `mutate` edited it. */
static int parse_mutated(void (*mutate)(uint8_t *blob, size_t size),
			 size_t avail_cut)
{
	size_t size;
	uint8_t *blob = load_blob("virt-like.dtb", &size);
	mutate(blob, size);
	int err = machine_from_fdt(&m, blob, size - avail_cut);
	free(blob);
	return err;
}

static uint32_t struct_off(const uint8_t *b)
{
	return fdt_be32(b + 8);
}

static void no_change(uint8_t *b, size_t n) { (void)b, (void)n; }
static void bad_magic(uint8_t *b, size_t n) { (void)n, b[0] ^= 1; }
static void old_version(uint8_t *b, size_t n) { (void)n, put_be32(b + 20, 15); }
static void struct_past_end(uint8_t *b, size_t n) { put_be32(b + 8, (uint32_t)n); }
static void strings_too_big(uint8_t *b, size_t n) { put_be32(b + 32, (uint32_t)n); }
static void misaligned_struct(uint8_t *b, size_t n) { (void)n, put_be32(b + 8, struct_off(b) + 2); }
/* The root node's first property starts at struct_off + 8. */
static void unknown_token(uint8_t *b, size_t n) { (void)n, put_be32(b + struct_off(b) + 8, 0x77); }
static void prop_len_huge(uint8_t *b, size_t n) { (void)n, put_be32(b + struct_off(b) + 12, 0x7fffffff); }
static void prop_name_outside(uint8_t *b, size_t n) { (void)n, put_be32(b + struct_off(b) + 16, 0xffffff); }
static void struct_cut_short(uint8_t *b, size_t n) { (void)n, put_be32(b + 36, 12); }
static void stray_end_node(uint8_t *b, size_t n) { (void)n, put_be32(b + struct_off(b), 2); }

static void corrupt_headers_and_structure_are_rejected(void **state)
{
	(void)state;
	assert_int_equal(parse_mutated(no_change, 0), 0);
	assert_int_equal(parse_mutated(no_change, 1), FDT_ERR_TRUNCATED);
	assert_int_equal(parse_mutated(bad_magic, 0), FDT_ERR_MAGIC);
	assert_int_equal(parse_mutated(old_version, 0), FDT_ERR_VERSION);
	assert_int_equal(parse_mutated(struct_past_end, 0), FDT_ERR_LAYOUT);
	assert_int_equal(parse_mutated(strings_too_big, 0), FDT_ERR_LAYOUT);
	assert_int_equal(parse_mutated(misaligned_struct, 0), FDT_ERR_LAYOUT);
	assert_int_equal(parse_mutated(unknown_token, 0), FDT_ERR_STRUCTURE);
	assert_int_equal(parse_mutated(prop_len_huge, 0), FDT_ERR_STRUCTURE);
	assert_int_equal(parse_mutated(prop_name_outside, 0), FDT_ERR_STRUCTURE);
	assert_int_equal(parse_mutated(struct_cut_short, 0), FDT_ERR_STRUCTURE);
	assert_int_equal(parse_mutated(stray_end_node, 0), FDT_ERR_STRUCTURE);
}

static void tiny_buffers_are_rejected(void **state)
{
	(void)state;
	uint8_t header[39] = { 0xd0, 0x0d, 0xfe, 0xed };
	struct fdt f;
	assert_int_equal(fdt_open(&f, header, sizeof header), FDT_ERR_TRUNCATED);
	assert_int_equal(fdt_open(&f, header, 0), FDT_ERR_TRUNCATED);
}

/* Every byte of the blob, set to each of a few values: the parser may
 * accept or reject the result, but must stay inside the blob (ASan) and
 * return a known code. */
static void every_single_byte_corruption_is_survived(void **state)
{
	(void)state;
	static const uint8_t values[] = { 0x00, 0xff, 0x80, 0x03 };
	size_t size;
	uint8_t *good = load_blob("virt-like.dtb", &size);
	uint8_t *copy = malloc(size); /* exact size: overreads hit ASan */
	for (size_t i = 0; i < size; i++) {
		for (size_t v = 0; v < sizeof values; v++) {
			memcpy(copy, good, size);
			copy[i] = values[v];
			int err = machine_from_fdt(&m, copy, size);
			assert_true(err <= 0 && err >= FDT_ERR_CAPACITY);
		}
	}
	free(copy);
	free(good);
}

static void stringlist_lookup(void **state)
{
	(void)state;
	static const char list[] = "sifive,test1\0sifive,test0\0syscon";
	assert_true(fdt_stringlist_has(list, sizeof list, "syscon"));
	assert_true(fdt_stringlist_has(list, sizeof list, "sifive,test0"));
	assert_false(fdt_stringlist_has(list, sizeof list, "sifive"));
	/* An unterminated last string never matches. */
	assert_false(fdt_stringlist_has(list, sizeof list - 1, "syscon"));
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s BLOB_DIR\n", argv[0]);
		return 2;
	}
	blob_dir = argv[1];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(virt_like_blob_describes_the_machine),
		cmocka_unit_test(qemu_dumped_blob_is_understood),
		cmocka_unit_test(one_cell_blob_with_disabled_hart),
		cmocka_unit_test(long_bootargs_keep_a_prefix),
		cmocka_unit_test(malformed_blobs_are_rejected),
		cmocka_unit_test(error_names_the_node),
		cmocka_unit_test(corrupt_headers_and_structure_are_rejected),
		cmocka_unit_test(tiny_buffers_are_rejected),
		cmocka_unit_test(every_single_byte_corruption_is_survived),
		cmocka_unit_test(stringlist_lookup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
