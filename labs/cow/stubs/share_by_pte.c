/* The cow lab (docs/labs/cow.md): give dst its own tables holding src's
 * leaves, each frame with one more reference (frame_ref), a page that
 * could be written read-only and COW in both spaces (pte_cow_shared),
 * read-only pages as they are.  Allocate everything first, so that a
 * failure (-1, dst's tables given back by sv39_clear_user) leaves src
 * untouched; one tlb_flush_user at the end if a leaf of src changed.
 * for_each_level0 above walks src's tables below top.  Until you write
 * it, fork=pte copies every page. */
static int share_by_pte(struct vm_space *src, struct vm_space *dst)
{
	return copy_space(src, dst);
}
