/* echo: its arguments, separated by spaces, then a newline, in one write,
 * so that lines from echoes running at once never mix ("echo a & echo b"
 * on several harts). */
#include "lib/user.h"

int main(int argc, char **argv)
{
	size_t n = 1;
	for (int i = 1; i < argc; i++)
		n += strlen(argv[i]) + 1;
	char *line = malloc(n);
	if (!line)
		return 1;
	size_t at = 0;
	for (int i = 1; i < argc; i++) {
		size_t len = strlen(argv[i]);
		memcpy(line + at, argv[i], len);
		at += len;
		if (i + 1 < argc)
			line[at++] = ' ';
	}
	line[at++] = '\n';
	return write(1, line, (int)at) == (int)at ? 0 : 1;
}
