/*
 * run.h - `ucmig-batch run DIR`: the phases in order, each fed by the one
 * before, and `plan`'s and `run -n`'s dry run of them.
 *
 * Phases (numbered as everywhere in the suite):
 *   1 check all input: users.txt read whole (a bad line is 65, nothing
 *     runs); --from against what has run;
 *   2 take the batch's lock (state.h; a second run is 75);
 *   3 each phase not done yet, in order: its command (phases.h), then
 *     who goes on (handon.h); a phase whose tool ended in error (not 0
 *     or 1) stops the batch with that status, its rejects in its
 *     directory; the gate stops it with 75 and the time to come back,
 *     or waits (--wait).
 * A re-run continues where the batch stopped: each tool resumes from its
 * own journal. A signal stops the tool and then the runbook (130/143).
 */
#ifndef UCMIG_BATCH_RUN_H
#define UCMIG_BATCH_RUN_H

#include "batch.h"

struct run_request {
	bool wait;               /* --wait: sleep until the gate opens */
	int from;                /* --from PHASE, or -1 */
};

int batch_run(struct batch *b, const struct run_request *rq);
/* The dry run of every phase into b->root (plan, run -n): no state, no
 * lock, nothing changed on any server. */
int batch_dry_run(struct batch *b);

#endif
