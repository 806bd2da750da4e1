/*
 * The user address space, as programs see it (docs/abi.md §4):
 *
 *   USER_TOP       +------------------------------+
 *                  | never user memory (xv6 keeps |
 *                  | its trampoline and trap frame|
 *   USER_BRK_LIMIT +------------------------------+
 *                  | heap, grown by sbrk          |
 *   stack_top      +------------------------------+ = sz right after exec
 *                  | stack, exactly one page      |
 *                  | guard page: any access kills |
 *                  +------------------------------+
 *                  | data, bss                    |
 *   0              | text, rodata                 |
 *                  +------------------------------+
 *
 * Shared by the kernel and the user programs (the tests derive their
 * expectations from it).
 */
#pragma once

#define USER_PAGE_SIZE 4096UL
#define USER_TOP 0x4000000000UL /* xv6's MAXVA */
#define USER_BRK_LIMIT (USER_TOP - 2 * USER_PAGE_SIZE) /* xv6's TRAPFRAME */
#define USER_STACK_PAGES 1
#define USER_GUARD_PAGES 1
#define USER_MAXARG 32 /* argv slots, the terminating null included */
