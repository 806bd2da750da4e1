/*
 * Address-space switches: each space gets an address-space identifier
 * (ASID) that tags its TLB entries, so moving between spaces needs one
 * satp write and, in the steady state, no flush.  docs/memory.md, "TLB
 * flushes".
 */
#pragma once

#include <stdint.h>

#include "mm/sv39.h"

struct vm_space;

/* How many ASID bits this hart implements (write ones to satp.ASID, read
 * back what stuck), capped at max_bits; the boot hart's answer sets the
 * ASIDs every hart uses.  With 0 every switch flushes the whole TLB.
 * 0, or -1 when a later hart has fewer bits than the boot hart. */
int asid_init_hart(int max_bits);
int asid_bits(void);

/* Makes vs this hart's address space: its root in satp with its ASID,
 * and whatever flush that needs.  The hart keeps a reference on the root
 * until the next switch, so a root is never freed under a hart that still
 * has it in satp, even while the hart idles. */
void asid_activate(struct vm_space *vs);

/* Back to the kernel's own page table (boot, self-tests). */
void asid_activate_kernel(void);

/* Does another hart hold a root whose space is gone?  It lets go at its
 * next switch, or when it idles (sched_settle_roots waits for that). */
int asid_dead_root_held(void);

/* The roots harts hold that way, for the reference checker; returns how
 * many it wrote to out (at most NCPU). */
int asid_held_roots(paddr_t *out);
