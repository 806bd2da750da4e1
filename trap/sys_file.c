/*
 * System calls about files.  Each fetches and checks its arguments, then
 * calls into fs/; descriptors are indexes into the process's ofile[].
 */
#include "fs/file.h"
#include "fs/pipe.h"
#include "mm/uaccess.h"
#include "proc/sched/proc.h"
#include "trap/arg.h"
#include "trap/sys.h"
#include "fs/path.h"
#include "fs/inode.h"
#include "fs/io_buf.h"
#include "fs/fs.h"

#define FAIL ((uint64_t)-1)

static struct io_buf user_buf(uint64_t addr)
{
	return (struct io_buf){ &proc_current()->vs, addr };
}

uint64_t sys_read(void)
{
	struct file *f = arg_file(0, 0);
	int n = arg_int(2);
	if (!f || n < 0)
		return FAIL;
	return (uint64_t)file_read(f, user_buf(arg_addr(1)), (uint32_t)n);
}

uint64_t sys_write(void)
{
	struct file *f = arg_file(0, 0);
	int n = arg_int(2);
	if (!f || n < 0)
		return FAIL;
	return (uint64_t)file_write(f, user_buf(arg_addr(1)), (uint32_t)n);
}

uint64_t sys_close(void)
{
	int fd;
	struct file *f = arg_file(0, &fd);
	if (!f)
		return FAIL;
	proc_current()->ofile[fd] = 0;
	file_close(f);
	return 0;
}

uint64_t sys_dup(void)
{
	struct file *f = arg_file(0, 0);
	if (!f)
		return FAIL;
	int fd = arg_fd_install(f);
	if (fd < 0)
		return FAIL;
	file_dup(f);
	return (uint64_t)fd;
}

uint64_t sys_fstat(void)
{
	struct file *f = arg_file(0, 0);
	if (!f)
		return FAIL;
	return (uint64_t)(long)file_stat(f, user_buf(arg_addr(1)));
}

uint64_t sys_open(void)
{
	char path[FS_MAXPATH];
	if (arg_str(0, path, sizeof path) < 0)
		return FAIL;
	struct file *f = file_open(proc_current()->cwd, path, arg_int(1));
	if (!f)
		return FAIL;
	int fd = arg_fd_install(f);
	if (fd < 0)
		file_close(f);
	return (uint64_t)(long)fd;
}

/* mkdir and mknod: a new inode of this type at path argument 0. */
static uint64_t make(int16_t type, int16_t major, int16_t minor)
{
	char path[FS_MAXPATH];
	if (arg_str(0, path, sizeof path) < 0)
		return FAIL;
	struct inode *ip =
		fs_create(proc_current()->cwd, path, type, major, minor);
	if (!ip)
		return FAIL;
	inode_put(ip);
	return 0;
}

uint64_t sys_mkdir(void)
{
	return make(FS_T_DIR, 0, 0);
}

uint64_t sys_mknod(void)
{
	return make(FS_T_DEVICE, (int16_t)arg_int(1), (int16_t)arg_int(2));
}

uint64_t sys_unlink(void)
{
	char path[FS_MAXPATH];
	if (arg_str(0, path, sizeof path) < 0)
		return FAIL;
	return (uint64_t)(long)fs_unlink(proc_current()->cwd, path);
}

uint64_t sys_link(void)
{
	char old[FS_MAXPATH], new[FS_MAXPATH];
	if (arg_str(0, old, sizeof old) < 0 || arg_str(1, new, sizeof new) < 0)
		return FAIL;
	return (uint64_t)(long)fs_link(proc_current()->cwd, old, new);
}

uint64_t sys_chdir(void)
{
	char path[FS_MAXPATH];
	struct proc *p = proc_current();
	if (arg_str(0, path, sizeof path) < 0)
		return FAIL;
	struct inode *ip = path_lookup(p->cwd, path);
	if (!ip)
		return FAIL;
	inode_lock(ip);
	int is_dir = ip->d->type == FS_T_DIR;
	inode_unlock(ip);
	if (!is_dir) {
		inode_put(ip);
		return FAIL;
	}
	inode_put(p->cwd);
	p->cwd = ip;
	return 0;
}

uint64_t sys_pipe(void)
{
	struct proc *p = proc_current();
	struct file *rf, *wf;
	if (file_open_pipe(&rf, &wf))
		return FAIL;
	int fds[2] = { arg_fd_install(rf), -1 };
	if (fds[0] >= 0)
		fds[1] = arg_fd_install(wf);
	if (fds[1] < 0 ||
	    uaccess_copyout(&p->vs, arg_addr(0), fds, sizeof fds)) {
		if (fds[0] >= 0)
			p->ofile[fds[0]] = 0;
		if (fds[1] >= 0)
			p->ofile[fds[1]] = 0;
		file_close(rf);
		file_close(wf);
		return FAIL;
	}
	return 0;
}
