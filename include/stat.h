/* struct stat as fstat(2) fills it: the xv6 layout, 24 bytes. */
#pragma once

#include <stdint.h>

#define T_DIR 1    /* directory */
#define T_FILE 2   /* regular file */
#define T_DEVICE 3 /* device */

struct stat {
	int dev;       /* file system's device number */
	uint32_t ino;  /* inode number */
	short type;    /* T_DIR, T_FILE or T_DEVICE */
	short nlink;   /* links to the file */
	uint64_t size; /* bytes */
};

_Static_assert(sizeof(struct stat) == 24, "xv6 struct stat layout");
