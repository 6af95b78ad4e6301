/*
 * command.c - see command.h.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/exitcode.h"
#include "base/grow.h"
#include "base/interrupt.h"
#include "base/msg.h"
#include "base/run_summary.h"
#include "base/strbuf.h"
#include "command.h"

void command_init(struct command *c, const char *tool)
{
	*c = (struct command){ 0 };
	command_add(c, "%s", tool);
}

void command_add(struct command *c, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	GROW(c->arg, c->n + 2, c->alloc);
	c->arg[c->n++] = strbuf_detach(&sb);
	c->arg[c->n] = NULL;
}

void shell_quote(const char *w, struct strbuf *out)
{
	if (*w && strspn(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,@%+") ==
			  strlen(w)) {
		strbuf_addstr(out, w);
		return;
	}
	strbuf_addch(out, '\'');
	for (; *w; w++)
		*w == '\'' ? strbuf_addstr(out, "'\\''") : strbuf_addch(out, *w);
	strbuf_addch(out, '\'');
}

void command_print(const struct command *c)
{
	struct strbuf word = STRBUF_INIT, line = STRBUF_INIT;

	strbuf_addstr(&line, "$ UCMIG_CONF=" BATCH_CONF);
	for (size_t i = 0; i < c->n; i++) {
		strbuf_reset(&word);
		run_summary_redact(c->arg[i], &word);
		strbuf_addch(&line, ' ');
		shell_quote(word.buf, &line);
	}
	puts(line.buf);
	fflush(stdout);
	strbuf_release(&word);
	strbuf_release(&line);
}

int command_run(const struct batch *b, const struct command *c, int *exit_status)
{
	struct strbuf path = STRBUF_INIT;
	pid_t parent = getpid(), pid;
	bool passed_on = false;
	int ws;

	strbuf_addf(&path, "%s/%s", b->tools_dir, c->arg[0]);
	fflush(NULL);
	if ((pid = fork()) < 0) {
		strbuf_release(&path);
		return fail(UCMIG_EX_SOFTWARE, "cannot start %s:", c->arg[0]);
	}
	if (pid == 0) {
		/* A runbook killed outright must not leave its tool running
		 * on: SIGTERM stops the tool cleanly, journal and all. In a
		 * process group of its own, a terminal's ^C reaches the
		 * runbook only, which passes it on once: a tool given the
		 * same signal twice would end at once, not cleanly. */
		if (prctl(PR_SET_PDEATHSIG, SIGTERM) != 0 || getppid() != parent || setpgid(0, 0) != 0)
			_exit(UCMIG_EX_SOFTWARE);
		execv(path.buf, c->arg);
		fprintf(stderr, "%s: cannot run %s: %s\n", msg_progname(), path.buf, strerror(errno));
		_exit(UCMIG_EX_SOFTWARE);
	}
	strbuf_release(&path);
	while (waitpid(pid, &ws, 0) < 0) {
		if (errno != EINTR)
			return fail(UCMIG_EX_SOFTWARE, "waiting for %s:", c->arg[0]);
		/* The runbook's signal (SIGINT, SIGTERM, SIGHUP) goes on to
		 * the tool once, as the same signal. */
		if (interrupt_requested() && !passed_on) {
			kill(pid, interrupt_status() - 128);
			passed_on = true;
		}
	}
	*exit_status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
	return 0;
}

int command_print_run(const struct batch *b, struct command *c, int *exit_status)
{
	int status;

	command_print(c);
	status = command_run(b, c, exit_status);
	command_release(c);
	return status;
}

void command_release(struct command *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->arg[i]);
	free(c->arg);
	*c = (struct command){ 0 };
}
