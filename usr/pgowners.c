/*
 * pgowners PA        every user page that maps the frame at physical
 * pgowners PID VA    address PA, or at the one PID maps at VA: pid,
 *                    name, va, permissions, COW, and the level-0 table
 *                    with its holders (system call 107; the kernel looks
 *                    with every other process stopped).  docs/cow.md.
 */
#include "lib/user.h"

/* A number in hex (0x...) or decimal; -1 if s is not one. */
static int64_t number(const char *s)
{
	int64_t v = 0;
	int base = 10;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return -1;
	for (; *s; s++) {
		int d = *s >= '0' && *s <= '9'   ? *s - '0'
			: *s >= 'a' && *s <= 'f' ? *s - 'a' + 10
			: *s >= 'A' && *s <= 'F' ? *s - 'A' + 10
						 : 99;
		if (d >= base)
			return -1;
		v = v * base + d;
	}
	return v;
}

/* The frame process pid maps at va, from pgmap: 0 if none. */
static uint64_t frame_at(int pid, uint64_t va)
{
	struct pg_run run;
	struct pg_space sp;
	uint64_t page = va & ~4095UL;
	if (pgmap(pid, page, &run, 1, &sp) != 1 || run.va > page)
		return 0;
	return run.frame + (run.kind == PG_ZERO ? 0 : page - run.va);
}

int main(int argc, char **argv)
{
	int64_t a = argc > 1 ? number(argv[1]) : -1;
	int64_t b = argc > 2 ? number(argv[2]) : -1;
	if (argc < 2 || argc > 3 || a < 0 || (argc == 3 && b < 0)) {
		fprintf(2, "usage: pgowners PA | pgowners PID VA\n");
		return 2;
	}
	uint64_t pa = argc == 3 ? frame_at((int)a, (uint64_t)b) : (uint64_t)a;
	if (!pa) {
		fprintf(2, "pgowners: process %ld maps nothing at 0x%lx\n", a, b);
		return 1;
	}
	struct pg_owner o[32];
	int n = pgowners(pa & ~4095UL, o, 32);
	if (n < 0) {
		fprintf(2, "pgowners: 0x%lx is no frame the kernel hands out\n",
			pa);
		return 1;
	}
	if (n == 0) {
		printf("frame 0x%lx: no user page maps it\n", pa & ~4095UL);
		return 0;
	}
	printf("frame 0x%lx: refs %u, mapped by %d page%s:\n", pa & ~4095UL,
	       o[0].refs, n, n == 1 ? "" : "s");
	for (int i = 0; i < n; i++)
		printf("  pid %d (%s) va 0x%lx %c%c%c%s table 0x%lx held by %u\n",
		       o[i].pid, o[i].name, o[i].va, o[i].perm & PG_R ? 'r' : '-',
		       o[i].perm & PG_W ? 'w' : '-', o[i].perm & PG_X ? 'x' : '-',
		       o[i].cow ? " cow" : "", o[i].table, o[i].table_refs);
	if (n == 32)
		printf("  (the first 32; more may map it)\n");
	return 0;
}
