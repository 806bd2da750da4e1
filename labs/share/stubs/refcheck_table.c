	/* The share lab: a table several spaces hold is counted once per
	 * entry pointing at it, but what it maps only once. */
	frame_tally(kva_to_pa(table));
