/* wc: lines, words and bytes of each file (or of fd 0). */
#include "lib/user.h"

static int wc(int fd, const char *name)
{
	static char buf[512];
	int lines = 0, words = 0, bytes = 0, in_word = 0, n;
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		for (int i = 0; i < n; i++) {
			char c = buf[i];
			bytes++;
			if (c == '\n')
				lines++;
			if (strchr(" \r\t\n\v", c)) {
				in_word = 0;
			} else if (!in_word) {
				words++;
				in_word = 1;
			}
		}
	}
	if (n < 0) {
		fprintf(2, "wc: read error\n");
		return 1;
	}
	printf("%d %d %d %s\n", lines, words, bytes, name);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return wc(0, "");
	for (int i = 1; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			fprintf(2, "wc: cannot open %s\n", argv[i]);
			return 1;
		}
		int r = wc(fd, argv[i]);
		close(fd);
		if (r)
			return r;
	}
	return 0;
}
