/*
 * msg.h - the one stderr sink of a tool: errors, warnings, notes, and the
 * progress line.
 *
 * Messages read "PROG: what failed: detail", start lowercase and end without
 * a full stop. A format ending in ':' gets ": strerror(errno)" appended, as
 * in sbase. Everything goes to stderr; stdout is for data only.
 *
 * The progress line (msg_status) is redrawn in place with '\r'; any other
 * message first clears it, so the two never interleave on one line.
 */
#ifndef UCMIG_MSG_H
#define UCMIG_MSG_H

#include <stdbool.h>

#include "base/compiler.h"

void msg_init(const char *progname);
const char *msg_progname(void);

/* -q: silence notes and warnings; errors are always printed. */
void msg_set_quiet(bool quiet);
bool msg_quiet(void);
/* Silence everything, errors too, while retrying something whose
 * failures are summed up in one message afterwards. */
void msg_set_muted(bool muted);

/* Print an error and return status, so a failure is one line:
 *   return fail(UCMIG_EX_NOINPUT, "%s: cannot open:", path); */
int fail(int status, const char *fmt, ...) UCMIG_PRINTF(2, 3);
void warn(const char *fmt, ...) UCMIG_PRINTF(1, 2);
void note(const char *fmt, ...) UCMIG_PRINTF(1, 2);

/* Draw (or with NULL, erase) the transient status line. */
void msg_status(const char *line);

#endif
