/*
 * grep PATTERN [file...]: prints the lines that match.  Patterns are a
 * small regular-expression language: c (itself), . (any), c* (zero or
 * more), ^ (start), $ (end).
 */
#include "lib/user.h"

static int match_here(const char *re, const char *text);

static int match_star(int c, const char *re, const char *text)
{
	do {
		if (match_here(re, text))
			return 1;
	} while (*text && (*text++ == c || c == '.'));
	return 0;
}

static int match_here(const char *re, const char *text)
{
	if (re[0] == 0)
		return 1;
	if (re[1] == '*')
		return match_star(re[0], re + 2, text);
	if (re[0] == '$' && re[1] == 0)
		return *text == 0;
	if (*text && (re[0] == '.' || re[0] == *text))
		return match_here(re + 1, text + 1);
	return 0;
}

static int match(const char *re, const char *text)
{
	if (re[0] == '^')
		return match_here(re + 1, text);
	do {
		if (match_here(re, text))
			return 1;
	} while (*text++);
	return 0;
}

/* Reads fd in chunks and prints every complete matching line. */
static void grep(const char *re, int fd)
{
	static char buf[1024];
	int have = 0, n;
	while ((n = read(fd, buf + have, (int)sizeof buf - have - 1)) > 0) {
		have += n;
		buf[have] = 0;
		char *line = buf, *nl;
		while ((nl = strchr(line, '\n'))) {
			*nl = 0;
			if (match(re, line)) {
				*nl = '\n';
				write(1, line, (int)(nl + 1 - line));
			}
			line = nl + 1;
		}
		have -= (int)(line - buf);
		if (have == (int)sizeof buf - 1)
			have = 0; /* a line longer than the buffer: dropped */
		memmove(buf, line, (size_t)have);
	}
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(2, "usage: grep pattern [file...]\n");
		return 1;
	}
	if (argc == 2) {
		grep(argv[1], 0);
		return 0;
	}
	for (int i = 2; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			fprintf(2, "grep: cannot open %s\n", argv[i]);
			return 1;
		}
		grep(argv[1], fd);
		close(fd);
	}
	return 0;
}
