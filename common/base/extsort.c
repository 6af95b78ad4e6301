/*
 * extsort.c - see extsort.h.
 */
#include "base/extsort.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/exitcode.h"
#include "base/interrupt.h"
#include "base/msg.h"

/* sort's buffer: its memory, whatever the input (it spills to disk). */
enum { PIPE_BYTES = 1 << 20 };   /* each way: fewer, larger reads and writes */
static char *const sort_argv[] = { "sort", "-S", "100M", NULL };

/* The child: its input and output are the pipes; the byte order. */
static void run_sort(int in, int out)
{
	if (dup2(in, STDIN_FILENO) < 0 || dup2(out, STDOUT_FILENO) < 0)
		_exit(126);
	close(in);
	close(out);
	setenv("LC_ALL", "C", 1);
	signal(SIGPIPE, SIG_DFL);
	execvp(sort_argv[0], sort_argv);
	_exit(127);
}

int extsort_start(struct extsort *s, const char *what)
{
	int to[2], from[2];

	memset(s, 0, sizeof(*s));
	s->what = what;
	s->pid = -1;
	signal(SIGPIPE, SIG_IGN);
	/* Close-on-exec: a second sort(1) started later must not hold this
	 * one's input open, or this one never sees its end. */
	if (pipe2(to, O_CLOEXEC) < 0)
		return fail(UCMIG_EX_IOERR, "pipe:");
	if (pipe2(from, O_CLOEXEC) < 0) {
		close(to[0]);
		close(to[1]);
		return fail(UCMIG_EX_IOERR, "pipe:");
	}
	fflush(NULL);               /* nothing buffered twice */
	s->pid = fork();
	if (s->pid == 0) {
		close(to[1]);
		close(from[0]);
		run_sort(to[0], from[1]);
	}
	close(to[0]);
	close(from[1]);
	if (s->pid < 0) {
		close(to[1]);
		close(from[0]);
		return fail(UCMIG_EX_IOERR, "fork:");
	}
	/* A larger pipe where the system allows it (pipe-max-size); the
	 * default's 64 KiB made the pipe's locking most of the time. */
	(void)fcntl(to[1], F_SETPIPE_SZ, PIPE_BYTES);
	(void)fcntl(from[0], F_SETPIPE_SZ, PIPE_BYTES);
	s->to = fdopen(to[1], "w");
	s->from = fdopen(from[0], "r");
	if (!s->to || !s->from) {
		s->failed = true;
		return fail(UCMIG_EX_IOERR, "fdopen:");
	}
	setvbuf(s->to, NULL, _IOFBF, PIPE_BYTES);
	setvbuf(s->from, NULL, _IOFBF, PIPE_BYTES);
	return 0;
}

/* sort(1) stopped taking lines or giving them: why, from its status. */
static int sort_failed(struct extsort *s, const char *doing)
{
	int status = extsort_finish(s);

	if (interrupt_requested())
		return interrupt_status();
	return status ? status : fail(UCMIG_EX_IOERR, "sorting %s: %s sort(1) failed", s->what, doing);
}

int extsort_add(struct extsort *s, const char *line, size_t len)
{
	if (fwrite(line, 1, len, s->to) != len || putc('\n', s->to) == EOF)
		return sort_failed(s, "writing to");
	return 0;
}

int extsort_sorted(struct extsort *s)
{
	int rc = fclose(s->to);

	s->to = NULL;
	return rc ? sort_failed(s, "closing the input of") : 0;
}

int extsort_getline(struct extsort *s, const char **line, size_t *len)
{
	ssize_t n = getline(&s->line, &s->cap, s->from);

	if (n < 0) {
		if (ferror(s->from))
			return sort_failed(s, "reading from");
		s->drained = true;
		return 0;
	}
	if (n > 0 && s->line[n - 1] == '\n')
		s->line[--n] = '\0';
	*line = s->line;
	*len = (size_t)n;
	return 1;
}

int extsort_finish(struct extsort *s)
{
	int status = 0, wstatus;

	if (s->to)
		fclose(s->to);
	if (s->from)
		fclose(s->from);
	s->to = s->from = NULL;
	free(s->line);
	s->line = NULL;
	if (s->pid > 0 && !s->drained && !s->failed) {
		/* Not wanted any more: no message about how it ended. */
		kill(s->pid, SIGTERM);
		while (waitpid(s->pid, &wstatus, 0) < 0 && errno == EINTR)
			;
		s->pid = -1;
	}
	if (s->pid > 0) {
		while (waitpid(s->pid, &wstatus, 0) < 0 && errno == EINTR)
			;
		s->pid = -1;
		if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 127)
			status = fail(UCMIG_EX_IOERR, "sorting %s: sort(1) was not found (coreutils)", s->what);
		else if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0)
			status = s->failed ? UCMIG_EX_IOERR
					   : fail(UCMIG_EX_IOERR, "sorting %s: sort(1) ended with status %d",
						  s->what, WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus));
		s->failed |= status != 0;
	}
	return s->failed ? (status ? status : UCMIG_EX_IOERR) : 0;
}
