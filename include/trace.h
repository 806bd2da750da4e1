/*
 * Tracing (system calls 105 and 106): what a traced process records, one
 * event per system call or page fault.  Shared by the kernel, the trace
 * program and lib/tracefmt.c, which prints events the same way for both.
 */
#pragma once

#include <stdint.h>

#include "include/fault.h"

#define TRACE_SYSCALLS 1 /* trace(pid, what, filter): what to record */
#define TRACE_FAULTS 2

/* What trace(pid, what, filter) keeps (filter may be 0: everything).
 * The kernel applies it before recording, so what it leaves out costs no
 * room in the ring and no waiting. */
struct trace_filter {
	int32_t pid;      /* 0, or only this process and those it forks */
	uint32_t faults;  /* 0, or 1 << FAULT_... for each outcome to keep */
	uint64_t va_lo;   /* faults at pages in [va_lo, va_hi) only, */
	uint64_t va_hi;   /* unless both are 0 */
};

/* A TRACE_TABLE event comes just before the fault that needed it: the
 * page's level-0 table made ours alone (frame_before: the table before,
 * frame_after: the table after, refs_before: its holders before). */
enum trace_kind { TRACE_SYSCALL, TRACE_FAULT, TRACE_TABLE };

struct trace_event {
	int32_t pid;
	uint8_t kind;      /* enum trace_kind */
	uint8_t access;    /* faults: 'x' fetch, 'r' load, 'w' store */
	uint8_t outcome;   /* faults: enum fault_outcome */
	uint8_t by_kernel; /* faults: the kernel's copy to or from user memory */
	uint32_t number;   /* system calls: its number */
	uint32_t refs_before, refs_after; /* faults: the old frame's count, or
					     the new one's if none was mapped */
	uint32_t table_refs; /* faults: the level-0 table's count before */
	uint32_t pad;
	char name[16];     /* the process's name */
	uint64_t args[3];  /* system calls: a0..a2 as passed */
	int64_t ret;       /* system calls: the result */
	uint64_t va;       /* faults: the page */
	uint64_t frame_before, frame_after; /* faults: 0 if none mapped */
};
