/*
 * Fork without sharing (mm/copy.c): the new space gets a private copy of
 * every page, as fork did before copy-on-write (the fork=copy boot
 * option, docs/cow.md).
 */
#pragma once

#include "mm/space.h"

/*
 * Gives dst, which must be empty, a copy of every page src maps, with the
 * same permissions; src is not touched.  A page that maps the zero frame
 * maps it in dst too (it is never written, so there is nothing to copy).
 * On failure (no memory for a frame or a table) dst is emptied again and
 * -1 returned.
 */
int copy_space(struct vm_space *src, struct vm_space *dst);
