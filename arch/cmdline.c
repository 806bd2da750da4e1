/*
 * Command-line parsing.  Words are copied out of the device tree into a
 * fixed buffer, so nothing points into the DTB after boot.
 */
#include "arch/cmdline.h"

#include "lib/string.h"

#define CMDLINE_BUF 1024 /* as long as the bootargs we keep */

static struct {
	char buf[CMDLINE_BUF]; /* "key\0value\0key\0\0..." */
	const char *key[CMDLINE_MAX_ARGS];
	const char *value[CMDLINE_MAX_ARGS];
	int n;
} cl;

/* Copies the word at *s into the buffer at *pos, splitting it at its first
 * unquoted '='; quotes group spaces into the word and are dropped.
 * Returns -1 on an open quote or a full buffer. */
static int copy_word(const char **s, size_t *pos, int i)
{
	int quoted = 0, split = 0;
	cl.key[i] = &cl.buf[*pos];
	cl.value[i] = "";
	for (; **s && (quoted || **s != ' '); (*s)++) {
		char c = **s;
		if (*pos + 2 >= CMDLINE_BUF)
			return -1;
		if (c == '"') {
			quoted = !quoted;
		} else if (c == '=' && !split && !quoted) {
			split = 1;
			cl.buf[(*pos)++] = 0;
			cl.value[i] = &cl.buf[*pos];
		} else {
			cl.buf[(*pos)++] = c;
		}
	}
	cl.buf[(*pos)++] = 0;
	return quoted ? -1 : 0;
}

int cmdline_parse(const char *s)
{
	size_t pos = 0;
	memset(&cl, 0, sizeof cl);
	while (*s) {
		if (*s == ' ') {
			s++;
			continue;
		}
		if (cl.n == CMDLINE_MAX_ARGS || copy_word(&s, &pos, cl.n))
			return -1;
		cl.n++;
	}
	return 0;
}

const char *cmdline_get(const char *key)
{
	for (int i = 0; i < cl.n; i++)
		if (strcmp(cl.key[i], key) == 0)
			return cl.value[i];
	return 0;
}

static int digit_value(char c, unsigned base)
{
	unsigned d = (c >= '0' && c <= '9')   ? (unsigned)(c - '0')
		     : (c >= 'a' && c <= 'f') ? (unsigned)(c - 'a' + 10)
		     : (c >= 'A' && c <= 'F') ? (unsigned)(c - 'A' + 10)
					      : 99;
	return d < base ? (int)d : -1;
}

uint64_t cmdline_get_u64(const char *key, uint64_t dflt)
{
	const char *s = cmdline_get(key);
	unsigned base = 10;
	uint64_t v = 0;
	if (!s || !*s)
		return dflt;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		base = 16, s += 2;
	if (digit_value(*s, base) < 0)
		return dflt;
	for (; digit_value(*s, base) >= 0; s++)
		v = v * base + (uint64_t)digit_value(*s, base);
	switch (*s) {
	case 'K': v <<= 10, s++; break;
	case 'M': v <<= 20, s++; break;
	case 'G': v <<= 30, s++; break;
	}
	return *s ? dflt : v;
}
