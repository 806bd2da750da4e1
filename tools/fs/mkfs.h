/* Building a file-system image in memory (used by the mkfs tool and by
 * the host tests, which make their disks with it). */
#pragma once

#include <stddef.h>
#include <stdint.h>

struct mkfs_file {
	const char *name; /* its name in the root directory */
	const uint8_t *data;
	size_t size;
};

/* Fills img (nblocks * FS_BLOCK_SIZE bytes) with an image holding the
 * files in /.  Returns 0, or -1 with a one-line reason in err. */
int mkfs_build(uint8_t *img, uint32_t nblocks, uint32_t ninodes,
	       const struct mkfs_file *files, int nfiles, char *err,
	       size_t errlen);
