/*
 * The reference-count checker.  It recounts, from the page tables
 * themselves, how many references each frame should have, and compares
 * with the counts the frame allocator keeps.  Run it when the address
 * spaces it is given are not changing (tests, an idle system).
 */
#pragma once

#include <stdint.h>

#include "mm/sv39.h"

struct refcheck_mismatch {
	paddr_t pa;
	uint32_t refs;     /* what the frame metadata says */
	uint32_t expected; /* what the page tables and holders add up to */
};

/* Start a count. */
void refcheck_begin(void);
/* Count one address space: its root (held by its owner), its tables and
 * every leaf in its lower half. */
void refcheck_add_space(pagetable_t root);
/* Count one reference the kernel holds without a PTE (the zero frame...). */
void refcheck_add_holder(paddr_t pa);
/* 0 if every counted frame's count matches; otherwise 1 and the first
 * mismatch. */
int refcheck_verify(struct refcheck_mismatch *first);

/* Prints the mismatch and every PTE in `roots` that maps the frame. */
void refcheck_report(const struct refcheck_mismatch *m, pagetable_t *roots,
		     int nroots, void (*print)(const char *line));
