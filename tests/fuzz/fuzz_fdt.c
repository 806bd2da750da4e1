/*
 * The device-tree reader and the machine description built from it, fed
 * arbitrary blobs.  The boot hart runs this code before anything else
 * exists, so a wild read here is a kernel that cannot start; the parser
 * promises an error code instead (arch/fdt.h).  Seeds: the blobs of
 * tests/dt and QEMU's own.
 */
#include <stdlib.h>
#include <string.h>

#include "arch/fdt.h"
#include "arch/machine.h"
#include "fuzz.h"

/* Every item of the structure block, as the kernel's walk sees them. */
static void walk_items(const struct fdt *f)
{
	struct fdt_cursor c;
	struct fdt_item it;
	fdt_cursor_init(&c, f);
	/* Each item consumes at least one 4-byte token, so a walk that
	 * takes more steps than that is looping. */
	for (uint32_t steps = 0; fdt_next(&c, &it) == FDT_OK; steps++) {
		FUZZ_CHECK(steps <= f->struct_size / 4);
		if (it.kind == FDT_WALK_DONE)
			return;
		FUZZ_CHECK(it.depth >= 0 && it.depth <= FDT_MAX_DEPTH);
		if (it.kind != FDT_NODE_END)
			(void)strlen(it.name); /* ASan: inside the blob */
		if (it.kind == FDT_PROP && it.len >= 8)
			(void)fdt_read_cells(it.value, 2);
	}
}

static void walk_rsvmap(const struct fdt *f)
{
	uint64_t base, size;
	for (int i = 0; fdt_rsvmap_entry(f, i, &base, &size) == 1; i++)
		FUZZ_CHECK(i < (int)(f->total_size / 16));
}

static void check_ranges(const struct mem_range *r, int n)
{
	FUZZ_CHECK(n >= 0 && n <= MACHINE_MAX_RANGES);
	for (int i = 0; i < n; i++)
		FUZZ_CHECK(r[i].size > 0 && r[i].base + r[i].size > r[i].base);
}

/* What machine_from_fdt promises when it returns 0. */
static void check_machine(const struct machine *m)
{
	FUZZ_CHECK(m->nram >= 1);
	check_ranges(m->ram, m->nram);
	check_ranges(m->reserved, m->nreserved);
	FUZZ_CHECK(m->nharts >= 1 && m->nharts <= MACHINE_MAX_HARTS);
	FUZZ_CHECK(memchr(m->bootargs, 0, sizeof m->bootargs) != 0);
	FUZZ_CHECK(memchr(m->error_at, 0, sizeof m->error_at) != 0);
	FUZZ_CHECK(m->initrd_start <= m->initrd_end);
	for (int i = 0; i < m->nharts; i++)
		FUZZ_CHECK(m->plic_s_context[i] >= -1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The kernel's blob is 8-byte aligned (the boot protocol says so);
	 * malloc's copy is too, and ends exactly where the input does. */
	uint8_t *blob = malloc(size ? size : 1);
	memcpy(blob, data, size);
	struct fdt f;
	if (fdt_open(&f, blob, size) == FDT_OK) {
		FUZZ_CHECK(f.total_size <= size);
		walk_items(&f);
		walk_rsvmap(&f);
	}
	static struct machine m;
	if (machine_from_fdt(&m, blob, size) == 0)
		check_machine(&m);
	else
		FUZZ_CHECK(memchr(m.error_at, 0, sizeof m.error_at) != 0);
	free(blob);
	return 0;
}
