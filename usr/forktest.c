/*
 * forktest: forks until the process table is full, checks that fork then
 * fails cleanly, reaps every child, and checks that one more wait fails.
 * Uses only write(), as the original does, to stay small.
 */
#include "lib/user.h"

#define N 1000

static void say(const char *s)
{
	write(1, s, (int)strlen(s));
}

int main(void)
{
	int n;
	say("fork test\n");
	for (n = 0; n < N; n++) {
		int pid = fork();
		if (pid < 0)
			break;
		if (pid == 0)
			exit(0);
	}
	if (n == N) {
		say("fork claimed to work 1000 times!\n");
		return 1;
	}
	for (; n > 0; n--)
		if (wait(0) < 0) {
			say("wait stopped early\n");
			return 1;
		}
	if (wait(0) != -1) {
		say("wait got too many\n");
		return 1;
	}
	say("fork test OK\n");
	return 0;
}
