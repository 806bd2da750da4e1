/* Whole-page copy and fill, the inner loops of COW breaks and zero fills. */
#pragma once

void page_copy(void *dst, const void *src);
void page_zero(void *dst);
