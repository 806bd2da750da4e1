/*
 * What the sysinfo system call (104) reports: the tick rate, the ASIDs,
 * and per-hart scheduling counts.  Shared by the kernel and user programs.
 */
#pragma once

#include <stdint.h>

#define SYSINFO_HARTS 8 /* NCPU: entries in hart[] */

struct hart_info {
	uint32_t hart_id;
	uint32_t online;
	uint64_t switches;      /* processes switched to */
	uint64_t idle_waits;    /* times it found nothing to run and waited */
	uint64_t steals;        /* processes taken from another hart's queue */
	uint64_t ipis_sent;     /* wakeups sent to idle harts */
	uint64_t ipis_received;
	uint64_t ticks;         /* timer interrupts taken */
};

struct sys_info {
	uint32_t tick_hz;   /* ticks a second: sleep() and uptime() count them */
	uint32_t asid_bits; /* ASIDLEN in use; 0: every switch flushes the TLB */
	uint32_t nharts;    /* entries of hart[] filled: harts online */
	uint32_t pad;
	struct hart_info hart[SYSINFO_HARTS];
};
