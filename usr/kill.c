/* kill: ends the processes with these pids. */
#include "lib/user.h"

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(2, "usage: kill pid...\n");
		return 1;
	}
	int r = 0;
	for (int i = 1; i < argc; i++)
		if (kill(atoi(argv[i])) < 0) {
			fprintf(2, "kill: no process %s\n", argv[i]);
			r = 1;
		}
	return r;
}
