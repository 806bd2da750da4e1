/* System calls about processes, memory and time. */
#include "fs/fs.h"
#include "mm/frame.h"
#include "mm/uaccess.h"
#include "proc/sched/clock.h"
#include "proc/sched/proc.h"
#include "proc/lifecycle.h"
#include "proc/exec.h"
#include "proc/grow.h"
#include "trap/arg.h"
#include "trap/sys.h"
#include "trap/resume.h"
#include "mm/fastpath.h"
#include "fs/path.h"

/* The child's first kernel function is the way out to user mode: it
 * resumes from the copy of our trap frame, with fork's result 0. */
uint64_t sys_fork(void)
{
	return (uint64_t)(long)proc_fork(resume_user, 0, 0);
}

uint64_t sys_exit(void)
{
	proc_exit(arg_int(0));
}

uint64_t sys_wait(void)
{
	return (uint64_t)(long)proc_wait(arg_addr(0));
}

uint64_t sys_kill(void)
{
	return (uint64_t)(long)proc_kill(arg_int(0));
}

uint64_t sys_getpid(void)
{
	return (uint64_t)proc_current()->pid;
}

uint64_t sys_sbrk(void)
{
	struct proc *p = proc_current();
	/* The whole register: 2022 programs leave garbage in a1. */
	int mode = arg_addr(1) == SBRK_LAZY ? SBRK_LAZY : SBRK_EAGER;
	return proc_grow(p, arg_int(0), mode);
}

uint64_t sys_pause(void)
{
	return (uint64_t)(long)clock_sleep(arg_int(0));
}

uint64_t sys_uptime(void)
{
	return clock_ticks();
}

/*
 * exec's arguments are copied into one page before anything else happens:
 * a bad pointer costs a few instructions (usertests' badarg does this
 * 50,000 times), and strings that cannot fit in a page could never fit in
 * the one-page stack either.
 */
static int copy_args(uint64_t uargv, char *page, char **argv)
{
	struct vm_space *vs = &proc_current()->vs;
	size_t used = 0;
	for (int i = 0; i < USER_MAXARG; i++) {
		uint64_t uarg;
		if (uaccess_copyin(vs, &uarg, uargv + (uint64_t)i * sizeof uarg,
			      sizeof uarg))
			return -1;
		if (uarg == 0) {
			argv[i] = 0;
			return i;
		}
		long len = uaccess_copyinstr(vs, page + used, uarg,
					     PAGE_SIZE - used);
		if (len < 0)
			return -1;
		argv[i] = page + used;
		used += (size_t)len + 1;
	}
	return -1; /* no terminating null within USER_MAXARG slots */
}

uint64_t sys_exec(void)
{
	char path[FS_MAXPATH];
	char *argv[USER_MAXARG];
	if (arg_str(0, path, sizeof path) < 0)
		return (uint64_t)-1;
	paddr_t page = frame_alloc(0);
	if (!page)
		return (uint64_t)-1;
	int argc = copy_args(arg_addr(1), pa_to_kva(page), argv);
	int r = argc < 0 ? -1 : proc_exec(path, argv, argc);
	frame_unref(page);
	return (uint64_t)(long)r;
}
