	/* The lazy lab (docs/labs/lazy.md): memory given back must not come
	 * back lazily either. */
