/*
 * DTB layout: a 40-byte big-endian header, a memory reservation block of
 * (address, size) pairs ending in (0, 0), a structure block of 32-bit tokens
 * and a strings block holding property names.  Every read below is preceded
 * by a bounds check against the block it belongs to.
 */
#include "arch/fdt.h"

#include "lib/string.h"

#define FDT_MAGIC 0xd00dfeed
#define TOKEN_BEGIN_NODE 1
#define TOKEN_END_NODE 2
#define TOKEN_PROP 3
#define TOKEN_NOP 4
#define TOKEN_END 9
#define FDT_HEADER_SIZE 40

uint32_t fdt_be32(const void *p)
{
	const uint8_t *b = p;
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	       (uint32_t)b[2] << 8 | b[3];
}

uint64_t fdt_read_cells(const void *p, uint32_t ncells)
{
	uint64_t v = 0;
	for (uint32_t i = 0; i < ncells; i++)
		v = v << 32 | fdt_be32((const uint8_t *)p + 4 * i);
	return v;
}

static int block_fits(uint32_t off, uint32_t size, uint32_t total)
{
	return off <= total && size <= total - off;
}

int fdt_open(struct fdt *f, const void *blob, size_t avail)
{
	const uint8_t *b = blob;
	if (avail < FDT_HEADER_SIZE)
		return FDT_ERR_TRUNCATED;
	if (fdt_be32(b) != FDT_MAGIC)
		return FDT_ERR_MAGIC;
	uint32_t total = fdt_be32(b + 4);
	if (total < FDT_HEADER_SIZE || total > avail)
		return FDT_ERR_TRUNCATED;
	if (fdt_be32(b + 20) < 16) /* version */
		return FDT_ERR_VERSION;
	*f = (struct fdt){
		.blob = b,
		.total_size = total,
		.struct_off = fdt_be32(b + 8),
		.strings_off = fdt_be32(b + 12),
		.rsvmap_off = fdt_be32(b + 16),
		.strings_size = fdt_be32(b + 32),
		.struct_size = fdt_be32(b + 36),
	};
	if (!block_fits(f->struct_off, f->struct_size, total) ||
	    !block_fits(f->strings_off, f->strings_size, total) ||
	    f->rsvmap_off > total || (f->struct_off & 3) ||
	    (f->rsvmap_off & 7))
		return FDT_ERR_LAYOUT;
	return FDT_OK;
}

void fdt_cursor_init(struct fdt_cursor *c, const struct fdt *f)
{
	*c = (struct fdt_cursor){ .fdt = f };
}

/* Reads the token at c->off, or fails if fewer than 4 bytes remain. */
static int read_token(struct fdt_cursor *c, uint32_t *token)
{
	if (c->off > c->fdt->struct_size || c->fdt->struct_size - c->off < 4)
		return FDT_ERR_STRUCTURE;
	*token = fdt_be32(c->fdt->blob + c->fdt->struct_off + c->off);
	c->off += 4;
	return FDT_OK;
}

/* Length of the NUL-terminated string at p within max bytes, or -1. */
static long bounded_strlen(const uint8_t *p, uint32_t max)
{
	size_t n = strnlen((const char *)p, max);
	return n < max ? (long)n : -1;
}

static uint32_t align4(uint32_t x)
{
	return (x + 3) & ~3u;
}

static int read_node_name(struct fdt_cursor *c, struct fdt_item *it)
{
	const struct fdt *f = c->fdt;
	long n = bounded_strlen(f->blob + f->struct_off + c->off,
				f->struct_size - c->off);
	if (n < 0)
		return FDT_ERR_STRUCTURE;
	it->name = (const char *)(f->blob + f->struct_off + c->off);
	c->off += align4((uint32_t)n + 1);
	return FDT_OK;
}

static int read_property(struct fdt_cursor *c, struct fdt_item *it)
{
	const struct fdt *f = c->fdt;
	uint32_t len, nameoff;
	if (read_token(c, &len) || read_token(c, &nameoff))
		return FDT_ERR_STRUCTURE;
	if (len > f->struct_size - c->off || nameoff >= f->strings_size)
		return FDT_ERR_STRUCTURE;
	const uint8_t *name = f->blob + f->strings_off + nameoff;
	if (bounded_strlen(name, f->strings_size - nameoff) < 0)
		return FDT_ERR_STRUCTURE;
	it->name = (const char *)name;
	it->value = f->blob + f->struct_off + c->off;
	it->len = len;
	c->off += align4(len);
	return FDT_OK;
}

int fdt_next(struct fdt_cursor *c, struct fdt_item *it)
{
	uint32_t token;
	do {
		if (read_token(c, &token))
			return FDT_ERR_STRUCTURE;
	} while (token == TOKEN_NOP);
	*it = (struct fdt_item){ 0 };
	switch (token) {
	case TOKEN_BEGIN_NODE:
		if (++c->depth > FDT_MAX_DEPTH)
			return FDT_ERR_TOO_DEEP;
		it->kind = FDT_NODE_BEGIN;
		it->depth = c->depth;
		return read_node_name(c, it);
	case TOKEN_END_NODE:
		if (c->depth == 0)
			return FDT_ERR_STRUCTURE;
		it->kind = FDT_NODE_END;
		it->depth = c->depth--;
		return FDT_OK;
	case TOKEN_PROP:
		if (c->depth == 0)
			return FDT_ERR_STRUCTURE;
		it->kind = FDT_PROP;
		it->depth = c->depth;
		return read_property(c, it);
	case TOKEN_END:
		if (c->depth != 0)
			return FDT_ERR_STRUCTURE;
		c->off -= 4; /* stay on END: further calls keep saying done */
		it->kind = FDT_WALK_DONE;
		return FDT_OK;
	default:
		return FDT_ERR_STRUCTURE;
	}
}

int fdt_rsvmap_entry(const struct fdt *f, int i, uint64_t *base,
		     uint64_t *size)
{
	uint64_t off = f->rsvmap_off + 16ULL * (uint64_t)i;
	if (i < 0 || off + 16 > f->total_size)
		return FDT_ERR_LAYOUT;
	*base = fdt_read_cells(f->blob + off, 2);
	*size = fdt_read_cells(f->blob + off + 8, 2);
	return (*base || *size) ? 1 : 0;
}

int fdt_stringlist_has(const void *list, uint32_t len, const char *want)
{
	const char *s = list;
	uint32_t pos = 0;
	while (pos < len) {
		size_t n = strnlen(s + pos, len - pos);
		if (n < len - pos && strcmp(s + pos, want) == 0)
			return 1;
		pos += (uint32_t)n + 1;
	}
	return 0;
}

const char *fdt_strerror(int err)
{
	switch (err) {
	case FDT_OK: return "ok";
	case FDT_ERR_TRUNCATED: return "blob truncated";
	case FDT_ERR_MAGIC: return "bad magic";
	case FDT_ERR_VERSION: return "unsupported version";
	case FDT_ERR_LAYOUT: return "block outside the blob";
	case FDT_ERR_STRUCTURE: return "malformed structure block";
	case FDT_ERR_TOO_DEEP: return "nodes nested too deeply";
	case FDT_ERR_VALUE: return "impossible property value";
	case FDT_ERR_CAPACITY: return "too many entries";
	default: return "unknown error";
	}
}
