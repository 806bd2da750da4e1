/* regress: kills, the console, stat and refcheck (usr/regress/main.c). */
#include "regress.h"

/* kill(1) used to mark init killed, and init's exit panics the kernel. */
int kill_init(void)
{
	return kill(1) == -1 ? 0 : -1;
}

/* struct stat has 4 bytes of padding at offset 12, which fstat copied out
 * straight from the kernel stack.  A failing open() with a long path
 * first leaves the path's bytes on that stack. */
int stat_padding(void)
{
	char path[120];
	memset(path, 'p', sizeof path - 1);
	path[sizeof path - 1] = 0;
	int fd = open("README", O_RDONLY);
	if (fd < 0)
		return -1;
	int bad = 0;
	for (int i = 0; i < 50 && !bad; i++) {
		struct stat st;
		memset(&st, 0xee, sizeof st);
		open(path, O_RDONLY);
		if (fstat(fd, &st) < 0)
			bad = 1;
		const unsigned char *b = (const unsigned char *)&st;
		for (int k = 12; k < 16; k++)
			bad |= b[k] != 0;
	}
	close(fd);
	return bad ? -1 : 0;
}

/* Several processes in refcheck() at once froze every hart: a checker
 * that yielded while another held the world resumed on another hart and
 * then waited for its old hart, which never went idle. */
#define REF_PROCS 6
#define REF_CALLS 5000
int refcheck_race(void)
{
	for (int i = 0; i < REF_PROCS; i++) {
		int pid = fork();
		if (pid < 0)
			return -1;
		if (pid == 0) {
			for (int n = 0; n < REF_CALLS; n++)
				if (refcheck() != 0)
					exit(1);
			exit(0);
		}
	}
	int bad = 0, status;
	for (int i = 0; i < REF_PROCS; i++)
		if (wait(&status) < 0 || status != 0)
			bad = 1;
	return bad ? -1 : 0;
}

/* One huge console write() held its hart for the whole transfer and
 * ignored a kill until the end (83 ticks for a few MiB).  Now the writer
 * sleeps while the output ring is full and stops at the next chunk once
 * killed.  The child writes for good, so it is always still writing when
 * the kill comes however fast the console drains (a single 256 KiB write
 * once finished inside the parent's one-tick sleep).  From the parent's
 * sleep(1) to the reaped child: at most three ticks (the sleep, the kill
 * being noticed, the exit), or 300 ms with a tick faster than 10 Hz; a
 * write that ignored the kill would keep the child for the rest of its
 * 8 MiB, seconds. */
#define CONSOLE_BYTES (8 * 1024 * 1024)
int console_kill(void)
{
	char *buf = sbrk(CONSOLE_BYTES);
	if (buf == SBRK_ERROR)
		return -1;
	memset(buf, ' ', CONSOLE_BYTES);
	int pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		for (;;)
			write(1, buf, CONSOLE_BYTES);
	}
	int start = uptime(), status = 0;
	sleep(1); /* on one hart, the writer must let us run to do this */
	kill(pid);
	wait(&status);
	int ticks = uptime() - start;
	sbrk(-CONSOLE_BYTES);
	printf("[killed writer gone after %d ticks] ", ticks);
	int limit = ms_to_ticks(300) > 3 ? ms_to_ticks(300) : 3;
	return ticks <= limit && status == -1 ? 0 : -1;
}

/* A console write larger than the output ring must complete: a writer
 * that found the ring full once went to sleep just after the pump that
 * would have woken it, and slept for good. */
int console_big_write(void)
{
	static char line[3000]; /* no newline: "ok" must follow on this line,
				 * or the TAP harness reads it as a result */
	memset(line, '-', sizeof line);
	return write(1, line, sizeof line) == sizeof line ? 0 : -1;
}
