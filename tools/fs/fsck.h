/* Checking a file-system image for consistency (the fsck tool and the
 * host tests, which run it after every operation that changes a disk). */
#pragma once

#include <stddef.h>
#include <stdint.h>

typedef void (*fsck_report_fn)(void *ctx, const char *problem);

/* Returns the number of problems found, reporting each; 0 = consistent. */
int fsck_image(const uint8_t *img, size_t size, fsck_report_fn report,
	       void *ctx);
