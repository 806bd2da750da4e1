/*
 * The shell.  A line is a list of jobs separated by ';' or '&' (run in the
 * background), a job is a pipeline of commands joined by '|', and a
 * command is words with optional '< file' and '> file'.  `cd` is built in.
 * Programs are looked up as given, then in '/'.
 *
 *   sh            reads commands from fd 0, prompting "$ " on fd 2
 *   sh -c LINE    runs LINE and exits with the status of its last job
 */
#include "lib/user.h"

#define MAX_LINE 512
#define MAX_TOKENS 64
#define MAX_ARGS 32
#define MAX_CMDS 8

struct command {
	char *argv[MAX_ARGS];
	char *in, *out; /* redirections, or 0 */
};

static void die(const char *msg)
{
	fprintf(2, "sh: %s\n", msg);
	exit(1);
}

static int is_special(char c)
{
	return c == '|' || c == '<' || c == '>' || c == ';' || c == '&';
}

/* Splits line in place into words and one-character operators. */
static int tokenize(char *line, char **tok)
{
	static char ops[MAX_TOKENS][2];
	int n = 0;
	char *s = line;
	while (*s && n < MAX_TOKENS - 1) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			*s++ = 0;
		} else if (is_special(*s)) {
			ops[n][0] = *s;
			ops[n][1] = 0;
			tok[n] = ops[n];
			n++;
			*s++ = 0;
		} else {
			tok[n++] = s;
			while (*s && !is_special(*s) && *s != ' ' && *s != '\t' &&
			       *s != '\n' && *s != '\r')
				s++;
		}
	}
	tok[n] = 0;
	return n;
}

static int is_op(const char *t, char op)
{
	return t && t[0] == op && t[1] == 0 && is_special(op);
}

/* Parses tok[*i..] up to ';', '&' or the end into a pipeline. */
static int parse_pipeline(char **tok, int *i, struct command *cmds)
{
	int ncmd = 0, argc = 0;
	memset(&cmds[0], 0, sizeof cmds[0]);
	for (; tok[*i] && !is_op(tok[*i], ';') && !is_op(tok[*i], '&'); (*i)++) {
		char *t = tok[*i];
		if (is_op(t, '|')) {
			if (argc == 0 || ++ncmd == MAX_CMDS)
				return -1;
			argc = 0;
			memset(&cmds[ncmd], 0, sizeof cmds[ncmd]);
		} else if (is_op(t, '<') || is_op(t, '>')) {
			char *file = tok[++*i];
			if (!file || is_special(file[0]))
				return -1;
			if (t[0] == '<')
				cmds[ncmd].in = file;
			else
				cmds[ncmd].out = file;
		} else if (argc < MAX_ARGS - 1) {
			cmds[ncmd].argv[argc++] = t;
		}
	}
	return argc == 0 ? (ncmd == 0 ? 0 : -1) : ncmd + 1;
}

static void redirect(const char *file, int fd, int flags)
{
	close(fd);
	if (open(file, flags) != fd) {
		fprintf(2, "sh: cannot open %s\n", file);
		exit(1);
	}
}

/* In a child: set up redirections and become the program. */
static void run_command(struct command *c)
{
	if (c->in)
		redirect(c->in, 0, O_RDONLY);
	if (c->out)
		redirect(c->out, 1, O_WRONLY | O_CREATE | O_TRUNC);
	exec(c->argv[0], c->argv);
	if (!strchr(c->argv[0], '/')) {
		char path[128] = "/";
		if (strlen(c->argv[0]) < sizeof path - 1) {
			strcpy(path + 1, c->argv[0]);
			exec(path, c->argv);
		}
	}
	fprintf(2, "exec %s failed\n", c->argv[0]);
	exit(1);
}

/* Runs n commands connected by pipes; the status of the last one. */
static int run_pipeline(struct command *cmds, int n)
{
	int prev_read = -1, pids[MAX_CMDS], status = 0;
	for (int i = 0; i < n; i++) {
		int p[2] = { -1, -1 };
		if (i + 1 < n && pipe(p) < 0)
			die("pipe failed");
		pids[i] = fork();
		if (pids[i] < 0)
			die("fork failed");
		if (pids[i] == 0) {
			if (prev_read >= 0) {
				close(0);
				dup(prev_read);
				close(prev_read);
			}
			if (p[1] >= 0) {
				close(1);
				dup(p[1]);
				close(p[0]);
				close(p[1]);
			}
			run_command(&cmds[i]);
		}
		if (prev_read >= 0)
			close(prev_read);
		if (p[1] >= 0)
			close(p[1]);
		prev_read = p[0];
	}
	for (int left = n; left > 0;) {
		int st, pid = wait(&st);
		if (pid < 0)
			break;
		for (int i = 0; i < n; i++)
			if (pids[i] == pid) {
				left--;
				if (i == n - 1)
					status = st;
			}
	}
	return status;
}

static int builtin_cd(struct command *c)
{
	const char *dir = c->argv[1] ? c->argv[1] : "/";
	if (chdir(dir) < 0) {
		fprintf(2, "cannot cd %s\n", dir);
		return 1;
	}
	return 0;
}

/* A background job runs in a child that exits at once, so the job
 * belongs to init, which reaps it. */
static void run_background(struct command *cmds, int n)
{
	int pid = fork();
	if (pid < 0)
		die("fork failed");
	if (pid == 0) {
		if (fork() == 0)
			exit(run_pipeline(cmds, n));
		exit(0);
	}
	wait(0);
}

static int run_line(char *line)
{
	char *tok[MAX_TOKENS];
	struct command cmds[MAX_CMDS];
	int status = 0;
	tokenize(line, tok);
	for (int i = 0; tok[i] || i == 0;) {
		int n = parse_pipeline(tok, &i, cmds);
		if (n < 0) {
			fprintf(2, "sh: syntax error\n");
			return 1;
		}
		int background = is_op(tok[i], '&');
		if (n == 1 && strcmp(cmds[0].argv[0], "cd") == 0)
			status = builtin_cd(&cmds[0]);
		else if (n > 0 && background)
			run_background(cmds, n);
		else if (n > 0)
			status = run_pipeline(cmds, n);
		if (!tok[i])
			break;
		i++;
	}
	return status;
}

int main(int argc, char **argv)
{
	static char line[MAX_LINE];
	if (argc == 3 && strcmp(argv[1], "-c") == 0) {
		if (strlen(argv[2]) >= sizeof line)
			die("command too long");
		strcpy(line, argv[2]);
		return run_line(line);
	}
	for (;;) {
		fprintf(2, "$ ");
		gets(line, sizeof line);
		if (line[0] == 0)
			return 0; /* end of input */
		run_line(line);
	}
}
