/* The share lab: how many spaces hold this level-0 table, and (*ready)
 * may it be changed as it is: one holder and no read-only mark?  Until
 * tables are shared, every table has one holder and is ready. */
static inline uint32_t table_holders(paddr_t pa, int *ready)
{
	(void)pa;
	*ready = 1;
	return 1;
}
