/*
 * The system calls: the one list both sides are generated from.  The
 * kernel's dispatcher (trap/syscall.c) makes a table of handlers from it,
 * and usr/lib/usys.S makes one user stub per entry.
 *
 *   SYSCALL(number, user stub, kernel handler, arguments)
 *
 * The stub's name is the call's name wherever one is shown (trace), and
 * the argument count says how many of a0..a5 it reads.
 *
 * 1..21 are xv6's, with xv6's numbers (docs/abi.md §2); ours
 * start at 100.  The stub names follow the 2025 xv6 user library (pause,
 * sys_sbrk); usr/lib/ulib.c adds sleep, sbrk and sbrklazy on top.
 */
SYSCALL(1, fork, sys_fork, 0)
SYSCALL(2, exit, sys_exit, 1)
SYSCALL(3, wait, sys_wait, 1)
SYSCALL(4, pipe, sys_pipe, 1)
SYSCALL(5, read, sys_read, 3)
SYSCALL(6, kill, sys_kill, 1)
SYSCALL(7, exec, sys_exec, 2)
SYSCALL(8, fstat, sys_fstat, 2)
SYSCALL(9, chdir, sys_chdir, 1)
SYSCALL(10, dup, sys_dup, 1)
SYSCALL(11, getpid, sys_getpid, 0)
SYSCALL(12, sys_sbrk, sys_sbrk, 2)
SYSCALL(13, pause, sys_pause, 1)
SYSCALL(14, uptime, sys_uptime, 0)
SYSCALL(15, open, sys_open, 2)
SYSCALL(16, write, sys_write, 3)
SYSCALL(17, mknod, sys_mknod, 3)
SYSCALL(18, unlink, sys_unlink, 1)
SYSCALL(19, link, sys_link, 2)
SYSCALL(20, mkdir, sys_mkdir, 1)
SYSCALL(21, close, sys_close, 1)
SYSCALL(100, poweroff, sys_poweroff, 1) /* (status): ends the machine */
SYSCALL(101, vmstat, sys_vmstat, 1)     /* (struct vm_stats *) */
SYSCALL(102, pgmap, sys_pgmap, 5)       /* (pid, from, runs, max, space) */
SYSCALL(103, refcheck, sys_refcheck, 0) /* (): 0 if every count is right */
SYSCALL(104, sysinfo, sys_sysinfo, 1)   /* (struct sys_info *) */
SYSCALL(105, trace, sys_trace, 3)       /* (pid, what, filter): trace a child */
SYSCALL(106, traceread, sys_traceread, 3) /* (events, max, lost *) */
SYSCALL(107, pgowners, sys_pgowners, 3) /* (pa, owners, max): who maps pa */
SYSCALL(108, forksnap, sys_forksnap, 1) /* (snapshot *): fork, and look */
