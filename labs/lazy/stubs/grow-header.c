 * Lazy growth (SBRK_LAZY) is the lazy lab's (docs/labs/lazy.md): until it
 * is written, it grows eagerly too.
