/* Breaking copy-on-write sharing of one page. */
#pragma once

#include <stdint.h>

#include "include/fault.h"
#include "mm/pte.h"

/* Makes the COW page that *pte maps at va privately writable: by reusing
 * its frame when this PTE holds the only reference, by copying it
 * otherwise.  Returns the outcome (FAULT_NO_MEMORY, with nothing changed,
 * if no frame could be had) and fills in r's frames and counts. */
enum fault_outcome cow_break(pte_t *pte, uintptr_t va, struct fault_report *r);
