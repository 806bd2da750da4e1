/*
 * malloc/free: a first-fit free list kept in address order, so freeing
 * merges a block with its neighbours.  The heap grows by sbrk in steps of
 * at least 64 KiB; malloc returns 0 when sbrk fails.  A block is handed
 * out from its front, so what is left of the topmost block stays at the
 * top of the heap and merges with the next sbrk: filling memory with
 * equal blocks (usertests' mem) keeps the list one block long instead of
 * leaving a fragment per step for every later malloc to walk past.
 */
#include "user.h"

struct block {
	struct block *next; /* free list only */
	size_t size;        /* in units of struct block, header included */
};

#define MIN_GROW_UNITS 4096

static struct block *free_list;

static void insert_free(struct block *b)
{
	struct block **at = &free_list;
	while (*at && *at < b)
		at = &(*at)->next;
	b->next = *at;
	*at = b;
	if (b->next && b + b->size == b->next) { /* merge with the next */
		b->size += b->next->size;
		b->next = b->next->next;
	}
	if (at != &free_list) { /* merge with the previous */
		struct block *prev =
			(struct block *)((char *)at - offsetof(struct block, next));
		if (prev + prev->size == b) {
			prev->size += b->size;
			prev->next = b->next;
		}
	}
}

static int grow(size_t units)
{
	if (units < MIN_GROW_UNITS)
		units = MIN_GROW_UNITS;
	if (units > 0x7fffffff / sizeof(struct block))
		return -1;
	char *p = sbrk((int)(units * sizeof(struct block)));
	if (p == SBRK_ERROR)
		return -1;
	struct block *b = (struct block *)p;
	b->size = units;
	insert_free(b);
	return 0;
}

void *malloc(size_t n)
{
	if (n == 0 || n > 0x7fffffff)
		return 0;
	size_t units = (n + sizeof(struct block) - 1) / sizeof(struct block) + 1;
	for (;;) {
		for (struct block **at = &free_list; *at; at = &(*at)->next) {
			struct block *b = *at;
			if (b->size < units)
				continue;
			if (b->size == units) {
				*at = b->next;
			} else { /* hand out the front */
				struct block *rest = b + units;
				rest->next = b->next;
				rest->size = b->size - units;
				*at = rest;
				b->size = units;
			}
			return b + 1;
		}
		if (grow(units))
			return 0;
	}
}

void free(void *p)
{
	if (p)
		insert_free((struct block *)p - 1);
}
