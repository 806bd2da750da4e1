/*
 * The kernel command line (device tree /chosen/bootargs, QEMU -append):
 * words of the form key=value, key="value with spaces", or a bare key.
 */
#pragma once

#include <stdint.h>

#define CMDLINE_MAX_ARGS 16

/* Splits bootargs into words; returns -1 (keeping what fit) if it had more
 * than CMDLINE_MAX_ARGS words or a quote was left open. */
int cmdline_parse(const char *bootargs);

/* The value of key: "" for a bare key, 0 if absent. */
const char *cmdline_get(const char *key);

/* A number with an optional K/M/G suffix (decimal or 0x hex); dflt if the
 * key is absent or not a number. */
uint64_t cmdline_get_u64(const char *key, uint64_t dflt);
