/* The share lab (docs/labs/share.md): give dst a private level-1 table
 * for each of src's (the pass that can fail, first), then point their
 * entries at src's level-0 tables, each write-protected once
 * (table_write_protect) and holding one more reference; one TLB flush if
 * a leaf changed.  0, or -1 with dst's tables given back (sv39_clear_user)
 * and src untouched.  Until you write it, fork=table shares page by page. */
static int share_by_table(struct vm_space *src, struct vm_space *dst)
{
	return share_by_pte(src, dst);
}
