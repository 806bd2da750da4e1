/*
 * Reader for flattened device trees (the DTB format of the Devicetree
 * Specification v0.4, chapter 5).  It checks every offset and length
 * against the blob before using it, so a malformed blob yields an error
 * code, never a wild read.  arch/machine.c interprets what it reads.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

enum fdt_error {
	FDT_OK = 0,
	FDT_ERR_TRUNCATED = -1,  /* blob shorter than its header says */
	FDT_ERR_MAGIC = -2,      /* not a DTB */
	FDT_ERR_VERSION = -3,    /* older than version 16 */
	FDT_ERR_LAYOUT = -4,     /* a block lies outside the blob */
	FDT_ERR_STRUCTURE = -5,  /* bad token, nesting or property */
	FDT_ERR_TOO_DEEP = -6,   /* nesting beyond FDT_MAX_DEPTH */
	FDT_ERR_VALUE = -7,      /* a property has an impossible value */
	FDT_ERR_CAPACITY = -8,   /* more entries than we have room for */
};

#define FDT_MAX_DEPTH 16

struct fdt {
	const uint8_t *blob;
	uint32_t total_size;
	uint32_t struct_off, struct_size;
	uint32_t strings_off, strings_size;
	uint32_t rsvmap_off;
};

/* One step of a depth-first walk of the structure block. */
enum fdt_item_kind { FDT_NODE_BEGIN, FDT_NODE_END, FDT_PROP, FDT_WALK_DONE };

struct fdt_item {
	enum fdt_item_kind kind;
	const char *name;   /* node name (BEGIN) or property name (PROP) */
	const void *value;  /* property value (PROP) */
	uint32_t len;       /* property length in bytes (PROP) */
	int depth;          /* root node is depth 1 */
};

struct fdt_cursor {
	const struct fdt *fdt;
	uint32_t off; /* next token, relative to the structure block */
	int depth;
};

/* Validates the header of a blob of at most `avail` bytes. */
int fdt_open(struct fdt *f, const void *blob, size_t avail);

void fdt_cursor_init(struct fdt_cursor *c, const struct fdt *f);

/* Fills *it with the next item; returns FDT_OK or a negative fdt_error. */
int fdt_next(struct fdt_cursor *c, struct fdt_item *it);

/* Memory reservation block entry i; returns 1 if it exists, 0 at the end,
 * negative on a malformed block. */
int fdt_rsvmap_entry(const struct fdt *f, int i, uint64_t *base,
		     uint64_t *size);

/* Big-endian cell helpers for property values. */
uint32_t fdt_be32(const void *p);
uint64_t fdt_read_cells(const void *p, uint32_t ncells);

/* Does a NUL-separated string list (compatible) contain `want`? */
int fdt_stringlist_has(const void *list, uint32_t len, const char *want);

const char *fdt_strerror(int err);
