/*
 * Shared by the libFuzzer targets in this directory.  Each target is one
 * LLVMFuzzerTestOneInput over kernel (or host tool) code built for the
 * build machine with -fsanitize=fuzzer,address,undefined; a crash, a
 * sanitizer report or a broken property (fuzz_fail) is a finding.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reports a property the code under test promised and broke; aborts. */
__attribute__((noreturn)) void fuzz_fail(const char *what);

#define FUZZ_CHECK(cond)                                                     \
	do {                                                                 \
		if (!(cond))                                                 \
			fuzz_fail(#cond);                                    \
	} while (0)
