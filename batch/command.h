/*
 * command.h - one tool's command line, built by a phase and run as a
 * process from inside the batch directory.
 *
 * The command is printed before it runs, as an administrator would type
 * it there ("UCMIG_CONF=batch.conf ucmig-disable ..."): arguments quoted
 * for a POSIX shell, a URL's credentials replaced by "***" (no option
 * takes a password, so nothing else can be secret). The child runs in a
 * process group of its own and gets SIGTERM if the runbook dies (kill -9
 * included), so it stops cleanly with its journal and a re-run resumes
 * it; a SIGINT, SIGTERM or SIGHUP to the runbook (a terminal's ^C
 * included) is passed on once and the runbook waits for the tool to
 * stop. A tool in its own group cannot read the terminal: the batch
 * takes passwords from files only (batch_enter refuses a prompt).
 *
 * Ownership: the command owns its strings (command_release).
 */
#ifndef UCMIG_BATCH_COMMAND_H
#define UCMIG_BATCH_COMMAND_H

#include <stddef.h>

#include "base/compiler.h"
#include "base/strbuf.h"
#include "batch.h"

struct command {
	char **arg;                /* arg[0] is the tool: "ucmig-export" */
	size_t n, alloc;
};

void command_init(struct command *c, const char *tool);
void command_add(struct command *c, const char *fmt, ...) UCMIG_PRINTF(2, 3);
/* Append w to out quoted for a POSIX shell, only where it must be. */
void shell_quote(const char *w, struct strbuf *out);
/* Print it (quoted, redacted) on stdout with a "$ " in front. */
void command_print(const struct command *c);
/* Print it, run it and wait, and release it: command_print, then
 * command_run. */
int command_print_run(const struct batch *b, struct command *c, int *exit_status);
/* Run it and wait: *exit_status is its exit status, or 128 + the signal
 * that ended it. Returns 0, or 70 if it could not be started. */
int command_run(const struct batch *b, const struct command *c, int *exit_status);
void command_release(struct command *c);

#endif
