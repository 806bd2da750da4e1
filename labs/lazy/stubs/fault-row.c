 *   unmapped, demand-zero    (the lazy lab: docs/labs/lazy.md)
