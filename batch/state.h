/*
 * state.h - DIR/state: where the batch stands, the runbook's only record
 * of its own. The tools keep the record of their work (their journals);
 * this says which phase the batch is in.
 *
 * A journal (base/journal.h) of tool "ucmig-batch", one record a line:
 *
 *   PHASE  STATUS  TIME  EXIT  NOTE
 *
 * STATUS is one of enum phase_status's words; TIME seconds since 1970;
 * EXIT the tool's exit status (or the gate's opening time for
 * "waiting"); NOTE one line for people. The last record of a phase is
 * where it stands; "reset" (run --from) puts it back to not started.
 *
 * Open for writing, the batch is locked twice: DIR/lock with flock(2),
 * inherited by the tools the runbook starts (so it lasts until the last
 * of them has stopped), and the journal's own lock. A second `run` on the
 * batch stops with 75. Reading (status, report) takes no lock.
 *
 * Ownership: struct batch_state owns its notes (state_release).
 */
#ifndef UCMIG_BATCH_STATE_H
#define UCMIG_BATCH_STATE_H

#include <time.h>

#include "base/journal.h"
#include "batch.h"

enum phase_status { ST_NOT_STARTED, ST_RUNNING, ST_DONE, ST_FAILED, ST_WAITING, ST_SKIPPED, ST_RESET };

struct phase_state {
	enum phase_status status;
	time_t started, ended;     /* ended: 0 while running */
	long long exit;            /* the tool's exit status; "waiting": the gate's time */
	char *note;
};

struct batch_state {
	struct phase_state phase[PHASE_COUNT];
	struct journal journal;    /* fd -1 unless open for writing */
	int lock_fd;               /* DIR/lock, or -1 */
};

const char *phase_status_word(enum phase_status s);

/* Read DIR/state (missing: every phase not started). With lock, open it
 * for appending and hold its lock. Returns 0 or an exit status (75
 * another run holds it, 65 a bad line). */
int state_load(struct batch_state *st, bool lock);
/* Read the state at path without a lock (what state_load does with
 * DIR/state; the fuzz target's way in). st must be zeroed with its fds
 * at -1, as state_load leaves it. Returns 0 or an exit status. */
int state_read(struct batch_state *st, const char *path);
/* Append a record and sync it. Returns 0 or an exit status. */
int state_record(struct batch_state *st, enum phase p, enum phase_status s, long long exit,
		 const char *note);
void state_release(struct batch_state *st);

#endif
