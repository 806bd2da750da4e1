/* Sharing at fork is the cow lab's (docs/labs/cow.md): until it is
 * written, fork copies every page (and fork=pte does too). */
static enum fork_mode mode_now = FORK_COPY;
