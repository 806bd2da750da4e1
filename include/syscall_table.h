/*
 * The system calls: the one list both sides are generated from.  The
 * kernel's dispatcher (trap/syscall.c) makes a table of handlers from it,
 * and usr/lib/usys.S makes one user stub per entry.
 *
 *   SYSCALL(number, user stub, kernel handler)
 *
 * 1..21 are xv6's, with xv6's numbers (docs/abi.md §2); ours
 * start at 100.  The stub names follow the 2025 xv6 user library (pause,
 * sys_sbrk); usr/lib/ulib.c adds sleep, sbrk and sbrklazy on top.
 */
SYSCALL(1, fork, sys_fork)
SYSCALL(2, exit, sys_exit)
SYSCALL(3, wait, sys_wait)
SYSCALL(4, pipe, sys_pipe)
SYSCALL(5, read, sys_read)
SYSCALL(6, kill, sys_kill)
SYSCALL(7, exec, sys_exec)
SYSCALL(8, fstat, sys_fstat)
SYSCALL(9, chdir, sys_chdir)
SYSCALL(10, dup, sys_dup)
SYSCALL(11, getpid, sys_getpid)
SYSCALL(12, sys_sbrk, sys_sbrk)
SYSCALL(13, pause, sys_pause)
SYSCALL(14, uptime, sys_uptime)
SYSCALL(15, open, sys_open)
SYSCALL(16, write, sys_write)
SYSCALL(17, mknod, sys_mknod)
SYSCALL(18, unlink, sys_unlink)
SYSCALL(19, link, sys_link)
SYSCALL(20, mkdir, sys_mkdir)
SYSCALL(21, close, sys_close)
SYSCALL(100, poweroff, sys_poweroff) /* (status): ends the machine */
SYSCALL(101, vmstat, sys_vmstat)     /* (struct vm_stats *) */
SYSCALL(102, pgdump, sys_pgdump)     /* (): the caller's page table */
SYSCALL(103, refcheck, sys_refcheck) /* (): 0 if every count is right */
SYSCALL(104, sysinfo, sys_sysinfo)   /* (struct sys_info *) */
