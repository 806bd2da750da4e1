/*
 * In-kernel self-tests.  KTEST(name) defines a test and files it in the
 * .ktests section; `ktest=all` (or `ktest=a,b`) on the command line runs
 * them after boot, prints TAP on the console and powers off with status 0
 * only if every one passed.  Tests live in tests/kernel/.
 */
#pragma once

#include <stdint.h>

struct ktest_ctx {
	int failures;
};

struct ktest {
	const char *name;
	void (*run)(struct ktest_ctx *t);
};

#define KTEST(fn)                                                              \
	static void fn(struct ktest_ctx *t);                                   \
	static const struct ktest fn##_entry                                   \
		__attribute__((used, section(".ktests"))) = { #fn, fn };       \
	static void fn(struct ktest_ctx *t)

/* Record a failed check (with a TAP diagnostic) and carry on. */
#define KT_CHECK(cond) ktest_check(t, (cond), #cond, __FILE__, __LINE__)
#define KT_EQ(a, b)                                                            \
	ktest_check_eq(t, (uint64_t)(a), (uint64_t)(b), #a " == " #b,          \
		       __FILE__, __LINE__)

int ktest_check(struct ktest_ctx *t, int ok, const char *what,
		const char *file, int line);
int ktest_check_eq(struct ktest_ctx *t, uint64_t a, uint64_t b,
		   const char *what, const char *file, int line);

struct machine;
/* The machine boot found, for the tests that check it. */
extern const struct machine *ktest_machine;

/* Runs the selected tests on machine m and powers off; never returns. */
__attribute__((noreturn)) void ktest_run(const char *selection,
					 const struct machine *m);

/*
 * Benchmarks: KBENCH(name) measures something and reports it with
 * kbench_report; `kbench=all` runs them and powers off.  They print
 * numbers and assert nothing; run them under `-icount shift=0` so that
 * guest time is a deterministic function of the instructions executed.
 */
struct kbench {
	const char *name;
	void (*run)(void);
};

#define KBENCH(fn)                                                             	static void fn(void);                                                  	static const struct kbench fn##_entry                                  		__attribute__((used, section(".kbench"))) = { #fn, fn };       	static void fn(void)

/* Call around `ops` repetitions of the operation being measured. */
struct kbench_mark {
	uint64_t instret, time;
};
struct kbench_mark kbench_start(void);
void kbench_report(const char *what, struct kbench_mark start, uint64_t ops);

__attribute__((noreturn)) void kbench_run(const char *selection,
					  const struct machine *m);
