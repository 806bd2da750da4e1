/* The rest of the small C library: wrappers with the familiar names, and
 * the string and input helpers xv6 programs expect. */
#include "user.h"

char *sbrk(int n)
{
	return sys_sbrk(n, SBRK_EAGER);
}

char *sbrklazy(int n)
{
	return sys_sbrk(n, SBRK_LAZY);
}

int sleep(int ticks)
{
	return pause(ticks);
}

int ms_to_ticks(int ms)
{
	static uint32_t hz;
	if (!hz) {
		struct sys_info s;
		hz = sysinfo(&s) == 0 ? s.tick_hz : 10; /* xv6's rate */
	}
	int ticks = (int)((uint64_t)ms * hz / 1000);
	return ticks > 0 ? ticks : 1;
}

int stat(const char *path, struct stat *st)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	int r = fstat(fd, st);
	close(fd);
	return r;
}


int console_open_std(void)
{
	if (open("console", O_RDWR) < 0) {
		mknod("console", DEV_CONSOLE, 0);
		if (open("console", O_RDWR) < 0)
			return -1;
	}
	dup(0);
	dup(0);
	return 0;
}

/* Reads a line one byte at a time, keeping the newline; NUL-terminated. */
char *gets(char *buf, int max)
{
	int i = 0;
	while (i + 1 < max) {
		char c;
		if (read(0, &c, 1) < 1)
			break;
		buf[i++] = c;
		if (c == '\n' || c == '\r')
			break;
	}
	buf[i] = 0;
	return buf;
}

int atoi(const char *s)
{
	int sign = 1, n = 0;
	if (*s == '-') {
		sign = -1;
		s++;
	}
	while (*s >= '0' && *s <= '9')
		n = n * 10 + (*s++ - '0');
	return sign * n;
}

char *strcpy(char *dst, const char *src)
{
	char *d = dst;
	while ((*d++ = *src++))
		;
	return dst;
}
