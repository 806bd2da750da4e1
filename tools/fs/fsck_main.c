/* fsck IMAGE: prints every inconsistency and exits 1 if there is any. */
#include <stdio.h>
#include <stdlib.h>

#include "tools/fs/fsck.h"

static void print_problem(void *ctx, const char *msg)
{
	fprintf(stderr, "fsck: %s: %s\n", (const char *)ctx, msg);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: fsck IMAGE\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, 0, SEEK_SET);
	uint8_t *img = malloc(size > 0 ? (size_t)size : 1);
	if (!img || fread(img, 1, (size_t)size, f) != (size_t)size) {
		fprintf(stderr, "fsck: cannot read %s\n", argv[1]);
		return 2;
	}
	fclose(f);
	int problems = fsck_image(img, (size_t)size, print_problem, argv[1]);
	printf("fsck: %s: %s (%d problem%s)\n", argv[1],
	       problems ? "INCONSISTENT" : "clean", problems,
	       problems == 1 ? "" : "s");
	free(img);
	return problems ? 1 : 0;
}
