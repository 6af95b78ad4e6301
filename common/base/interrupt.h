/*
 * interrupt.h - SIGINT, SIGTERM and SIGHUP stop a run cleanly.
 *
 * The first such signal only sets a flag (the handler does nothing else,
 * as a handler must). Long loops ask interrupt_requested() between
 * records and take no new work: requests already sent are answered or
 * abandoned within their timeout, the journal is synced and closed,
 * outputs that would be incomplete are removed (their temporary files
 * too), the report and the summary say where the run stopped, and the
 * process exits with 128 + the signal number (129 SIGHUP, 130 SIGINT,
 * 143 SIGTERM), as a shell reports a signal. Re-running the same command
 * with its journal finishes the work. A second signal ends the process
 * at once (the default action), for a stop that is stuck.
 *
 * Handlers are installed without SA_RESTART, so a blocking call that can
 * return early (a sleep, a poll) does.
 */
#ifndef UCMIG_INTERRUPT_H
#define UCMIG_INTERRUPT_H

#include <stdbool.h>

void interrupt_install(void);
bool interrupt_requested(void);
/* 128 + the signal once one came, else 0: the exit status to stop with. */
int interrupt_status(void);
/* "SIGTERM", for messages; NULL before a signal. */
const char *interrupt_name(void);

#endif
