/*
 * A system call's arguments: a0..a5 of the caller's trap frame, as
 * integers, addresses, strings copied in, or open files.  Beside them the
 * one helper that gives a new file its descriptor.
 */
#include "trap/arg.h"

#include "mm/uaccess.h"
#include "proc/sched/proc.h"

uint64_t arg_addr(int n)
{
	const struct trap_frame *tf = proc_current()->tf;
	switch (n) {
	case 0: return tf->a0;
	case 1: return tf->a1;
	case 2: return tf->a2;
	case 3: return tf->a3;
	case 4: return tf->a4;
	default: return tf->a5;
	}
}

int arg_int(int n)
{
	return (int)arg_addr(n);
}

long arg_str(int n, char *buf, uint64_t size)
{
	return uaccess_copyinstr(&proc_current()->vs, buf, arg_addr(n), size);
}

struct file *arg_file(int n, int *fd)
{
	int i = arg_int(n);
	if (i < 0 || i >= NOFILE)
		return 0;
	if (fd)
		*fd = i;
	return proc_current()->ofile[i];
}

int arg_fd_install(struct file *f)
{
	struct proc *p = proc_current();
	for (int i = 0; i < NOFILE; i++)
		if (!p->ofile[i]) {
			p->ofile[i] = f;
			return i;
		}
	return -1;
}
