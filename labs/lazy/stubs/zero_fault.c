/* The lazy lab (docs/labs/lazy.md): a load or store to an unmapped page
 * of the space's demand-zero range [zero_lo, zero_hi). */
