	/* The lazy lab (docs/labs/lazy.md): SBRK_LAZY widens the space's
	 * demand-zero range instead and maps nothing. */
	(void)lazy;
