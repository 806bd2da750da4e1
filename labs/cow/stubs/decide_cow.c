	/* The cow lab (docs/labs/cow.md): a store to a user page marked
	 * PTE_COW goes to cow_break.  The table the leaf sits in must be
	 * this space's own first (table_leaf_for_change, mm/table.h), and
	 * with no memory to make it so the outcome is FAULT_NO_MEMORY. */
