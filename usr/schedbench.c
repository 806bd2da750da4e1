/*
 * schedbench: what a system call, a wakeup and a switch cost.
 *
 * Counts are the hart's retired instructions (rdinstret, user and kernel
 * alike), exact under QEMU's -icount shift=0,align=off,sleep=off with one
 * hart (`meson test --benchmark schedbench`); with more harts the
 * ping-pong runs across harts and the figures are guest time instead
 * (rdtime; 1 instruction = 1 ns under that -icount).  Each figure is the
 * smallest of a few runs of ROUNDS operations, divided by ROUNDS.
 *
 *   null syscall         getpid()
 *   pipe write+read      1 byte through a pipe and back, one process
 *   ... with sleepers    the same with SLEEPERS processes asleep in
 *                        read on another pipe: a wakeup looks only at
 *                        its channel's sleepers, so it costs the same
 *   ping-pong            1 byte to a child and 1 byte back, per round
 *                        trip: 2 writes, 2 reads, 2 wakeups, 2 switches
 *   switch               (ping-pong - 2 x pipe write+read) / 2: one
 *                        switch with its sleep and wakeup
 * and the TLB flushes the kernel did per round trip (vmstat).
 */
#include "lib/user.h"

#define ROUNDS 2000
#define REPEAT 3
#define SLEEPERS 40

static int one_hart;

/* Instructions on one hart; timebase ticks otherwise (converted by the
 * caller, which knows nothing of the rate: see per_op). */
static uint64_t now(void)
{
	return one_hart ? read_instret() : read_time();
}

static uint64_t null_syscalls(void)
{
	uint64_t t0 = now();
	for (int i = 0; i < ROUNDS; i++)
		getpid();
	return now() - t0;
}

static uint64_t pipe_write_read(void)
{
	int fds[2];
	char c = 'x';
	if (pipe(fds) < 0)
		return 0;
	uint64_t t0 = now();
	for (int i = 0; i < ROUNDS; i++) {
		write(fds[1], &c, 1);
		read(fds[0], &c, 1);
	}
	uint64_t t = now() - t0;
	close(fds[0]);
	close(fds[1]);
	return t;
}

/* SLEEPERS children, all asleep in read() on one pipe, whose write end
 * is returned; closing it ends them. */
static int start_sleepers(void)
{
	int fds[2];
	if (pipe(fds) < 0)
		return -1;
	for (int i = 0; i < SLEEPERS; i++) {
		int pid = fork();
		if (pid < 0)
			return -1;
		if (pid == 0) {
			char c;
			close(fds[1]);
			read(fds[0], &c, 1);
			exit(0);
		}
	}
	close(fds[0]);
	return fds[1];
}

static void stop_sleepers(int wfd)
{
	close(wfd);
	for (int i = 0; i < SLEEPERS; i++)
		wait(0);
}

/* Round trips with a child echoing each byte back. */
static uint64_t ping_pong(struct vm_stats *flushes)
{
	int to[2], from[2];
	char c = 'x';
	if (pipe(to) < 0 || pipe(from) < 0)
		return 0;
	int pid = fork();
	if (pid == 0) {
		close(to[1]);
		close(from[0]);
		while (read(to[0], &c, 1) == 1)
			write(from[1], &c, 1);
		exit(0);
	}
	close(to[0]);
	close(from[1]);
	write(to[1], &c, 1); /* the child is up and waiting */
	read(from[0], &c, 1);
	struct vm_stats before, after;
	vmstat(&before);
	uint64_t t0 = now();
	for (int i = 0; i < ROUNDS; i++) {
		write(to[1], &c, 1);
		read(from[0], &c, 1);
	}
	uint64_t t = now() - t0;
	vmstat(&after);
	flushes->tlb_flush_all = after.tlb_flush_all - before.tlb_flush_all;
	flushes->tlb_flush_space = after.tlb_flush_space - before.tlb_flush_space;
	flushes->tlb_flush_page = after.tlb_flush_page - before.tlb_flush_page;
	close(to[1]);
	close(from[0]);
	wait(0);
	return t;
}

static uint64_t min(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

static uint64_t timebase_hz(const struct sys_info *si)
{
	/* uptime's ticks against rdtime over a few ticks. */
	int t0 = uptime();
	while (uptime() == t0)
		;
	uint64_t g0 = read_time();
	int t1 = uptime();
	while (uptime() < t1 + 5)
		;
	return (read_time() - g0) * si->tick_hz / 5;
}

int main(void)
{
	struct sys_info si;
	if (sysinfo(&si) < 0)
		return 1;
	one_hart = si.nharts == 1;
	/* Guest time in ns: 1 instruction = 1 ns under the benchmark's
	 * -icount; rounded to a timebase tick (100 ns on QEMU virt). */
	uint64_t ns_per_unit = one_hart ? 1 : 1000000000UL / timebase_hz(&si);
	printf("schedbench: %s, %d hart%s, tick %u Hz, %u ASID bits\n",
	       one_hart ? "instructions" : "guest ns", si.nharts,
	       si.nharts == 1 ? "" : "s", si.tick_hz, si.asid_bits);

	uint64_t sys = ~0UL, pipe1 = ~0UL, pipe40 = ~0UL, pp = ~0UL;
	struct vm_stats fl = { 0 };
	for (int r = 0; r < REPEAT; r++) {
		sys = min(sys, null_syscalls());
		pipe1 = min(pipe1, pipe_write_read());
		pp = min(pp, ping_pong(&fl));
	}
	int wfd = start_sleepers();
	if (wfd < 0) {
		printf("schedbench: cannot start %d sleepers\n", SLEEPERS);
		return 1;
	}
	for (int r = 0; r < REPEAT; r++)
		pipe40 = min(pipe40, pipe_write_read());
	stop_sleepers(wfd);

	uint64_t u = ns_per_unit;
	printf("null syscall            %6lu\n", sys * u / ROUNDS);
	printf("pipe write+read         %6lu\n", pipe1 * u / ROUNDS);
	printf("  with %d sleepers      %6lu\n", SLEEPERS, pipe40 * u / ROUNDS);
	printf("ping-pong round trip    %6lu\n", pp * u / ROUNDS);
	uint64_t two = 2 * pipe1;
	printf("switch                  %6lu\n",
	       pp > two ? (pp - two) * u / ROUNDS / 2 : 0);
	printf("TLB flushes in %d round trips: %lu full, %lu by ASID, "
	       "%lu by page\n", ROUNDS, fl.tlb_flush_all, fl.tlb_flush_space,
	       fl.tlb_flush_page);
	return 0;
}
