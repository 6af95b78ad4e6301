/*
 * gate.h - the replication gate: delete's --min-age interlock read ahead.
 *
 * Microsoft's User Replicator takes up to 30 minutes to see a disable;
 * ucmig-delete refuses a user disabled less than --min-age ago (75). The
 * gate opens at the last time the batch's disable journal confirmed a
 * user plus batch.conf's min-age, so the runbook says when to come back
 * instead of starting a delete that would refuse everyone.
 */
#ifndef UCMIG_BATCH_GATE_H
#define UCMIG_BATCH_GATE_H

#include <time.h>

#include "batch.h"

/* The file the gate leaves in its directory once it is open. */
#define GATE_OPENED "opened"

/* When the gate opens (0: nobody was disabled by the journal, nothing to
 * wait for). Returns 0 or an exit status. */
int gate_opens(const struct batch *b, time_t *opens);
/* Sleep until opens with a countdown on stderr; a signal ends the wait:
 * returns 0, or 128 + the signal. */
int gate_wait(time_t opens);
/* Leave GATE_OPENED (when it opened) in the gate's directory: 0 or 73. */
int gate_mark_open(const struct batch *b, time_t opens);

#endif
