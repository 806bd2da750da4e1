	/* The cow lab (docs/labs/cow.md): reuse the frame when this PTE holds
	 * its only reference, copy it otherwise (the PTE changes before the
	 * old frame's reference is dropped); fill in *r's frames and counts.
	 * Until then the store is refused, as for a read-only page. */
	r->frame_before = r->frame_after = pte_pa(*pte);
	r->refs_before = r->refs_after = frame_refcount(pte_pa(*pte));
	(void)va;
	return FAULT_PROTECTION;
