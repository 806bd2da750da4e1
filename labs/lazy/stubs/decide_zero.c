	/* The lazy lab (docs/labs/lazy.md): the demand-zero row. */
