/*
 * Interprets a device tree as a struct machine.  The walk keeps one record
 * per open node (its properties so far and its #address-cells/#size-cells);
 * when a node ends we know everything about it and file it away.  Properties
 * always precede subnodes in a DTB, so a node's cell sizes are known before
 * its children's `reg` must be decoded.  Bus `ranges` are taken to be
 * identity translations, as on QEMU virt.
 */
#include "arch/machine.h"

#include "arch/fdt.h"
#include "lib/fmt.h"
#include "lib/string.h"

/* Cause number of the supervisor external interrupt in a cpu-intc specifier. */
#define IRQ_S_EXTERNAL 9

struct node {
	const char *name;
	uint32_t addr_cells, size_cells; /* for this node's children */
	const uint8_t *reg;
	uint32_t reg_len;
	const char *compatible;
	uint32_t compatible_len;
	const char *device_type;
	const char *isa;
	int disabled;
	uint32_t phandle;
	uint32_t intc_phandle; /* cpu nodes: their interrupt controller */
	uint32_t irq, clock_hz, reg_shift, ndev;
	const uint8_t *irq_ext;
	uint32_t irq_ext_len;
};

struct walk {
	struct machine *m;
	struct node stack[FDT_MAX_DEPTH + 1]; /* stack[d]: open node at depth d */
	uint32_t cpu_intc[MACHINE_MAX_HARTS];
	const uint8_t *plic_irq_ext;
	uint32_t plic_irq_ext_len;
	int harts_without_sstc;
};

static int str_is(const char *a, const char *b)
{
	return a && strcmp(a, b) == 0;
}

/* Node names are "name@unit"; compare only the part before '@'. */
static int name_is(const char *name, const char *want)
{
	size_t n = strlen(want);
	return strncmp(name, want, n) == 0 && (name[n] == 0 || name[n] == '@');
}

static int compatible_with(const struct node *n, const char *want)
{
	return n->compatible &&
	       fdt_stringlist_has(n->compatible, n->compatible_len, want);
}

/* riscv,isa is "rv64imafdc_zicsr_..._sstc": multi-letter extensions
 * follow underscores. */
static int isa_has(const char *isa, const char *ext)
{
	size_t n = strlen(ext);
	for (const char *p = strchr(isa, '_'); p; p = strchr(p + 1, '_'))
		if (strncmp(p + 1, ext, n) == 0 && (p[1 + n] == 0 || p[1 + n] == '_'))
			return 1;
	return 0;
}

/* A 32- or 64-bit integer property. */
static int read_u32_or_u64(const struct fdt_item *it, uint64_t *out)
{
	if (it->len != 4 && it->len != 8)
		return FDT_ERR_VALUE;
	*out = fdt_read_cells(it->value, it->len / 4);
	return 0;
}

static int read_u32(const struct fdt_item *it, uint32_t *out)
{
	if (it->len != 4)
		return FDT_ERR_VALUE;
	*out = fdt_be32(it->value);
	return 0;
}

static int add_range(struct mem_range *r, int *count, uint64_t base,
		     uint64_t size)
{
	if (size == 0)
		return 0;
	if (base + size < base)
		return FDT_ERR_VALUE;
	if (*count >= MACHINE_MAX_RANGES)
		return FDT_ERR_CAPACITY;
	r[(*count)++] = (struct mem_range){ base, size };
	return 0;
}

/* Appends every (address, size) pair of n's reg to a range list. */
static int add_reg_ranges(const struct node *n, const struct node *parent,
			  struct mem_range *r, int *count)
{
	uint32_t ac = parent->addr_cells, sc = parent->size_cells;
	uint32_t entry = 4 * (ac + sc);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2 || !n->reg ||
	    n->reg_len == 0 || n->reg_len % entry)
		return FDT_ERR_VALUE;
	for (uint32_t off = 0; off < n->reg_len; off += entry) {
		uint64_t base = fdt_read_cells(n->reg + off, ac);
		uint64_t size = fdt_read_cells(n->reg + off + 4 * ac, sc);
		int err = add_range(r, count, base, size);
		if (err)
			return err;
	}
	return 0;
}

/* A device is described by the first entry of its reg. */
static int file_device(const struct node *n, const struct node *parent,
		       struct mmio_device *dev)
{
	struct mem_range r[MACHINE_MAX_RANGES];
	int count = 0;
	int err = add_reg_ranges(n, parent, r, &count);
	if (err)
		return err;
	if (count == 0)
		return FDT_ERR_VALUE;
	*dev = (struct mmio_device){ r[0].base, r[0].size, n->irq };
	return 0;
}

static int file_cpu(struct walk *w, const struct node *n,
		    const struct node *parent)
{
	struct machine *m = w->m;
	if (n->disabled)
		return 0;
	if (!n->reg || parent->addr_cells < 1 || parent->addr_cells > 2 ||
	    n->reg_len != 4 * parent->addr_cells)
		return FDT_ERR_VALUE;
	if (m->nharts >= MACHINE_MAX_HARTS)
		return FDT_ERR_CAPACITY;
	w->cpu_intc[m->nharts] = n->intc_phandle;
	m->hart_id[m->nharts++] =
		(uint32_t)fdt_read_cells(n->reg, parent->addr_cells);
	if (!n->isa || !isa_has(n->isa, "sstc"))
		w->harts_without_sstc++;
	return 0;
}

static int file_soc_device(struct walk *w, struct node *n,
			   const struct node *parent)
{
	struct machine *m = w->m;
	if (compatible_with(n, "ns16550a") && !m->uart.size) {
		m->uart_clock_hz = n->clock_hz;
		m->uart_reg_shift = n->reg_shift;
		return file_device(n, parent, &m->uart);
	}
	if ((compatible_with(n, "riscv,plic0") ||
	     compatible_with(n, "sifive,plic-1.0.0")) && !m->plic.size) {
		m->plic_ndev = n->ndev;
		w->plic_irq_ext = n->irq_ext;
		w->plic_irq_ext_len = n->irq_ext_len;
		return file_device(n, parent, &m->plic);
	}
	if ((compatible_with(n, "sifive,test0") ||
	     compatible_with(n, "sifive,test1")) && !m->finisher.size)
		return file_device(n, parent, &m->finisher);
	return 0;
}

/* Called when node n at depth d closes. */
static int file_node(struct walk *w, int d)
{
	struct node *n = &w->stack[d], *parent = &w->stack[d - 1];
	struct machine *m = w->m;
	if (d < 2 || n->disabled)
		return 0;
	if (d == 2 && (str_is(n->device_type, "memory") ||
		       name_is(n->name, "memory")))
		return add_reg_ranges(n, parent, m->ram, &m->nram);
	if (d == 3 && name_is(parent->name, "reserved-memory"))
		return n->reg ? add_reg_ranges(n, parent, m->reserved,
					       &m->nreserved)
			      : 0; /* dynamic pool: nothing placed yet */
	if (d == 3 && name_is(parent->name, "cpus") &&
	    str_is(n->device_type, "cpu"))
		return file_cpu(w, n, parent);
	if (compatible_with(n, "riscv,cpu-intc")) {
		parent->intc_phandle = n->phandle;
		return 0;
	}
	return file_soc_device(w, n, parent);
}

static int chosen_property(struct machine *m, const struct fdt_item *it)
{
	if (str_is(it->name, "bootargs")) {
		/* A long command line is the user's choice, not a broken
		 * machine: keep what fits, and boot says so. */
		size_t n = strnlen(it->value, it->len);
		if (n >= sizeof m->bootargs) {
			n = sizeof m->bootargs - 1;
			m->bootargs_cut = 1;
		}
		memcpy(m->bootargs, it->value, n);
		m->bootargs[n] = 0;
		return 0;
	}
	if (str_is(it->name, "linux,initrd-start"))
		return read_u32_or_u64(it, &m->initrd_start);
	if (str_is(it->name, "linux,initrd-end"))
		return read_u32_or_u64(it, &m->initrd_end);
	return 0;
}

/* Records one property of the node open at it->depth. */
static int note_property(struct walk *w, const struct fdt_item *it)
{
	struct node *n = &w->stack[it->depth];
	const char *p = it->name;
	if (it->depth == 2 && name_is(n->name, "chosen"))
		return chosen_property(w->m, it);
	if (str_is(p, "timebase-frequency"))
		return read_u32_or_u64(it, &w->m->timebase_hz);
	if (str_is(p, "#address-cells"))
		return read_u32(it, &n->addr_cells);
	if (str_is(p, "#size-cells"))
		return read_u32(it, &n->size_cells);
	if (str_is(p, "phandle"))
		return read_u32(it, &n->phandle);
	if (str_is(p, "clock-frequency") && it->len == 4)
		return read_u32(it, &n->clock_hz);
	if (str_is(p, "reg-shift"))
		return read_u32(it, &n->reg_shift);
	if (str_is(p, "riscv,ndev"))
		return read_u32(it, &n->ndev);
	if (str_is(p, "interrupts") && it->len >= 4)
		n->irq = fdt_be32(it->value);
	if (str_is(p, "reg"))
		n->reg = it->value, n->reg_len = it->len;
	if (str_is(p, "interrupts-extended"))
		n->irq_ext = it->value, n->irq_ext_len = it->len;
	if (str_is(p, "compatible"))
		n->compatible = it->value, n->compatible_len = it->len;
	/* String-valued properties must be NUL-terminated inside their value. */
	int is_string = str_is(p, "device_type") || str_is(p, "riscv,isa") ||
			str_is(p, "status");
	if (is_string && strnlen(it->value, it->len) == it->len)
		return FDT_ERR_VALUE;
	if (str_is(p, "device_type"))
		n->device_type = it->value;
	if (str_is(p, "riscv,isa"))
		n->isa = it->value;
	if (str_is(p, "status"))
		n->disabled = !str_is(it->value, "okay") && !str_is(it->value, "ok");
	return 0;
}

static void open_node(struct walk *w, const struct fdt_item *it)
{
	/* Devicetree spec defaults: 2 address cells, 1 size cell. */
	w->stack[it->depth] = (struct node){
		.name = it->name, .addr_cells = 2, .size_cells = 1
	};
}

/* Names the place of a failure for the error message. */
static void note_error_at(struct walk *w, const struct fdt_item *it)
{
	const char *node = it->depth > 0 ? w->stack[it->depth].name : "/";
	const char *prop = it->kind == FDT_PROP ? it->name : "";
	fmt_snprintf(w->m->error_at, sizeof w->m->error_at, "%s%s%s",
		     node && *node ? node : "/", *prop ? " " : "", prop);
}

static int walk_structure(struct walk *w, const struct fdt *f)
{
	struct fdt_cursor c;
	struct fdt_item it = { 0 };
	fdt_cursor_init(&c, f);
	for (;;) {
		int err = fdt_next(&c, &it);
		if (err)
			return err;
		if (it.kind == FDT_WALK_DONE)
			return 0;
		if (it.kind == FDT_NODE_BEGIN)
			open_node(w, &it);
		else if (it.kind == FDT_PROP)
			err = note_property(w, &it);
		else
			err = file_node(w, it.depth);
		if (err) {
			note_error_at(w, &it);
			return err;
		}
	}
}

/* PLIC interrupts-extended lists one (cpu-intc phandle, cause) pair per
 * context, in context order; find each hart's S-mode external context. */
static void resolve_plic_contexts(struct walk *w)
{
	struct machine *m = w->m;
	for (int h = 0; h < MACHINE_MAX_HARTS; h++)
		m->plic_s_context[h] = -1;
	for (uint32_t i = 0; 8 * i + 8 <= w->plic_irq_ext_len; i++) {
		uint32_t phandle = fdt_be32(w->plic_irq_ext + 8 * i);
		uint32_t cause = fdt_be32(w->plic_irq_ext + 8 * i + 4);
		for (int h = 0; h < m->nharts; h++)
			if (cause == IRQ_S_EXTERNAL && w->cpu_intc[h] == phandle)
				m->plic_s_context[h] = (int)i;
	}
}

static int add_rsvmap(struct machine *m, const struct fdt *f)
{
	uint64_t base, size;
	for (int i = 0;; i++) {
		int more = fdt_rsvmap_entry(f, i, &base, &size);
		if (more <= 0)
			return more;
		int err = add_range(m->reserved, &m->nreserved, base, size);
		if (err)
			return err;
	}
}

int machine_from_fdt(struct machine *m, const void *blob, size_t avail)
{
	struct fdt f;
	static struct walk w; /* too big for a boot stack */
	int err = fdt_open(&f, blob, avail);
	if (err)
		return err;
	memset(m, 0, sizeof *m);
	memset(&w, 0, sizeof w);
	w.m = m;
	if ((err = add_rsvmap(m, &f)) || (err = walk_structure(&w, &f)))
		return err;
	resolve_plic_contexts(&w);
	m->has_sstc = m->nharts > 0 && w.harts_without_sstc == 0;
	if (m->nram == 0 || m->nharts == 0 || m->initrd_end < m->initrd_start)
		return FDT_ERR_VALUE;
	return 0;
}

uint64_t machine_ram_bytes(const struct machine *m)
{
	uint64_t total = 0;
	for (int i = 0; i < m->nram; i++)
		total += m->ram[i].size;
	return total;
}
