	/* The lazy lab (docs/labs/lazy.md): a store to the zero frame. */
