/* Kernel-wide limits shared by C and assembly. */
#pragma once

#define NCPU 8                  /* harts the kernel can drive (hart ids 0..7) */
#define BOOT_STACK_SIZE 16384   /* per-hart stack used by boot and the idle loop */
