/*
 * grep [-c] [-n] [-v] PATTERN [file...]: prints the lines that match
 * (-v: that do not), with their numbers (-n), or only how many (-c), as
 * in `trace -f cowtest three | grep -c cow-copy`.  Patterns are a small
 * regular-expression language: c (itself), . (any), c* (zero or more),
 * ^ (start), $ (end).  With several files, -n counts lines across all of
 * them and -c gives one total.
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

enum { GREP_BUF = 2048 };

/* What the options ask for, and what has been seen so far. */
struct grep_state {
	int invert, count, numbers; /* -v, -c, -n */
	long line_no, matched, cut;
};

/* The first newline in [p, end), or 0. */
static char *next_newline(char *p, const char *end)
{
	for (; p < end; p++)
		if (*p == '\n')
			return p;
	return 0;
}

/* One line, without its newline; a matching one is printed (unless only
 * counting) with its newline put back. */
static void grep_line(const char *re, char *line, int len,
		      struct grep_state *g)
{
	g->line_no++;
	line[len] = 0;
	if (match(re, line) == g->invert)
		return;
	g->matched++;
	if (g->count)
		return;
	if (g->numbers) {
		printf("%ld:%s\n", g->line_no, line);
		return;
	}
	line[len] = '\n';
	write(1, line, len + 1);
}

/* Reads fd in chunks and looks at every line, the last one too when no
 * newline ends it.  A line longer than the buffer is looked at in pieces
 * of the buffer's size, and counted to say so at the end. */
static void grep(const char *re, int fd, struct grep_state *g)
{
	static char buf[GREP_BUF];
	int have = 0, n;
	while ((n = read(fd, buf + have, (int)sizeof buf - have - 1)) > 0) {
		have += n;
		char *line = buf, *nl;
		while ((nl = next_newline(line, buf + have))) {
			grep_line(re, line, (int)(nl - line), g);
			line = nl + 1;
		}
		have -= (int)(line - buf);
		memmove(buf, line, (size_t)have);
		if (have == (int)sizeof buf - 1) {
			g->cut++;
			grep_line(re, buf, have, g);
			have = 0;
		}
	}
	if (have)
		grep_line(re, buf, have, g);
}

static int grep_options(int argc, char **argv, struct grep_state *g)
{
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++)
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'v')
				g->invert = 1;
			else if (*o == 'c')
				g->count = 1;
			else if (*o == 'n')
				g->numbers = 1;
			else
				return -1;
		}
	return i;
}

int main(int argc, char **argv)
{
	struct grep_state g = { 0 };
	int i = grep_options(argc, argv, &g);
	if (i < 0 || i >= argc) {
		fprintf(2, "usage: grep [-c] [-n] [-v] pattern [file...]\n");
		return 1;
	}
	const char *re = argv[i++];
	if (i == argc)
		grep(re, 0, &g);
	for (; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			fprintf(2, "grep: cannot open %s\n", argv[i]);
			return 1;
		}
		grep(re, fd, &g);
		close(fd);
	}
	if (g.count)
		printf("%ld\n", g.matched);
	if (g.cut)
		fprintf(2, "grep: %ld line(s) longer than %d bytes were "
			   "matched in pieces\n", g.cut, GREP_BUF - 1);
	return 0;
}
