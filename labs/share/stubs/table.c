/* The share lab (docs/labs/share.md) writes these three: the read-only
 * mark of a level-0 table (FRAME_TABLE_READONLY), write-protecting a
 * table once, and making the table an entry points to this space's alone:
 * a private copy while others hold it (an unshare: one more reference on
 * every frame it maps, one less on the shared table, a TLB flush), the
 * mark cleared once they are gone (a reuse).  Until then no table is ever
 * shared, and every table is its space's already. */
int table_is_readonly(paddr_t pa)
{
	(void)pa;
	return 0;
}

int table_write_protect(pte_t *table, int n)
{
	(void)table;
	(void)n;
	return 0;
}

static pte_t *table_make_private(pte_t *entry)
{
	return pte_table_of(*entry);
}
