/* lab cow: begin stub fork_default.c */
/* fork=table, sharing whole level-0 tables, is the share lab's
 * (docs/labs/share.md); until it is written, fork shares page by page. */
static enum fork_mode mode_now = FORK_PTE;
/* lab cow: end */
