/* The null device (fs/null.c). */
#pragma once

/* Registers it under DEV_NULL. */
void null_init(void);
