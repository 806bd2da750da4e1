/*
 * Memory accesses that may fault without panicking: the trap handler
 * resumes them at a fixup address instead.  Each returns 0 if the access
 * completed, or the scause of the fault.  Used by self-tests to see what
 * the MMU enforces.
 */
#pragma once

#include <stdint.h>

uint64_t probe_load64(const volatile uint64_t *addr, uint64_t *value);
uint64_t probe_store64(volatile uint64_t *addr, uint64_t value);
