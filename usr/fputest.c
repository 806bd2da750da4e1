/*
 * fputest: floating point survives preemption and migration.  Several
 * processes run the same long floating-point recurrence at once, more of
 * them than there are harts, so the timer switches them in and out and
 * the kernel must save and restore each one's FP registers (lazily: see
 * proc/sched/fpu.c).  Each runs it twice; every run of every process must give
 * bit-for-bit the same result as the parent's run before any fork.
 */
#include "lib/user.h"

#define PROCS 6
#define STEPS 20000000

/* Four accumulators live in FP registers for the whole loop; none of them
 * forgets a disturbance (no convergence), so a lost register shows. */
static double recurrence(double x)
{
	double a = x, b = 2 * x, c = 3 * x, d = 0.25;
	for (int i = 0; i < STEPS; i++) {
		a += 1.5;
		b -= 0.75;
		c += a * 0.0625;
		d = d * 1.0000001;
	}
	return a + b * 3 + c * 5 + d * 7;
}

static int same(double a, double b)
{
	return memcmp(&a, &b, sizeof a) == 0;
}

int main(void)
{
	double expected = recurrence(1.0);
	for (int i = 0; i < PROCS; i++) {
		int pid = fork();
		if (pid < 0) {
			printf("fputest: fork failed\n");
			return 1;
		}
		if (pid == 0) {
			double a = recurrence(1.0), b = recurrence(1.0);
			exit(same(a, expected) && same(b, expected) ? 0 : 1);
		}
	}
	int bad = 0;
	for (int i = 0; i < PROCS; i++) {
		int status;
		wait(&status);
		bad += status != 0;
	}
	if (bad) {
		printf("fputest: %d of %d processes computed wrong results\n", bad,
		       PROCS);
		return 1;
	}
	printf("fputest: ok\n");
	return 0;
}
