/*
 * Proof that a test's checks passed, for a grader (tools/grade).  The
 * grader gives a fresh key on the command line of each run; a test prints
 *
 *     proof PROGRAM CASE HHHHHHHHHHHHHHHH
 *
 * only once its own checks passed, where the 16 hex digits are a hash of
 * the key and the names.  A kernel that prints "ok" or "ALL TESTS PASSED"
 * by itself, or repeats the key it saw in argv, has no proof to show.
 * FNV-1a, 64 bits: a checksum, not a secret; what it keeps out is output
 * that did not come from the test, not a determined forger.
 */
#include "lib/user.h"

static uint64_t fnv1a(uint64_t h, const char *s)
{
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* The cases -x leaves out of a full run: a lab's handout runs the suites
 * without the lab's own cases (docs/teaching.md). */
static const char *skipped[32];
static int nskipped;

int proof_options(int argc, char **argv, int *tap, const char **key)
{
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++)
		if (strcmp(argv[i], "-t") == 0)
			*tap = 1;
		else if (strcmp(argv[i], "-k") == 0 && i + 1 < argc)
			*key = argv[++i];
		else if (strcmp(argv[i], "-x") == 0 && i + 1 < argc &&
			 nskipped < (int)(sizeof skipped / sizeof skipped[0]))
			skipped[nskipped++] = argv[++i];
		else {
			fprintf(2, "usage: %s [-t] [-k KEY] [-x NAME] [NAME...]\n",
				argv[0]);
			return -1;
		}
	return i;
}

int proof_skips_known(const char *program, int (*is_case)(const char *))
{
	for (int i = 0; i < nskipped; i++)
		if (!is_case(skipped[i])) {
			/* a misspelt name would skip nothing, in silence */
			fprintf(2, "%s: -x %s: no such case\n", program, skipped[i]);
			return 0;
		}
	return 1;
}

int proof_skipped(const char *name)
{
	for (int i = 0; i < nskipped; i++)
		if (strcmp(skipped[i], name) == 0)
			return 1;
	return 0;
}

void proof_print(const char *key, const char *program, const char *name)
{
	if (!key)
		return;
	uint64_t h = 0xcbf29ce484222325ULL;
	h = fnv1a(h, key);
	h = fnv1a(h, " ");
	h = fnv1a(h, program);
	h = fnv1a(h, " ");
	h = fnv1a(h, name);
	printf("proof %s %s %016lx\n", program, name, h);
}
