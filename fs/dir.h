/* Directories (fs/dir.c): files of fixed-size entries, name to inode
 * number.  The caller holds the directory's lock. */
#pragma once

#include <stdint.h>

#include "fs/inode.h"

/* The inode number of the entry called name in dir, 0 if there is none;
 * *off (if not 0) gets the entry's offset.  Needs no inode-cache slot, so
 * "absent" never means "cache full". */
uint32_t dir_find(struct inode *dir, const char *name, uint32_t *off);
/* That entry's inode, referenced; 0 if absent or the cache is full (for
 * callers to whom both are a failure). */
struct inode *dir_lookup(struct inode *dir, const char *name, uint32_t *off);
int dir_link(struct inode *dir, const char *name, uint32_t inum);
int dir_is_empty(struct inode *dir);
