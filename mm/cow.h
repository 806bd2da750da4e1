/* Breaking copy-on-write sharing of one page. */
#pragma once

#include <stdint.h>

#include "mm/pte.h"

/* Makes the COW page that *pte maps at va privately writable: by reusing
 * its frame when this PTE holds the only reference, by copying it
 * otherwise.  Returns 0, or -1 if no frame could be had (nothing changed). */
int cow_break(pte_t *pte, uintptr_t va);
