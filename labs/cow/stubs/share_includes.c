#include "mm/copy.h" /* for share_by_pte's stand-in */
