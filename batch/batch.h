/*
 * batch.h - what every part of ucmig-batch shares: the batch directory,
 * its settings, and the phases (doc/batch-design.md is the design).
 *
 * The runbook runs the six tools as processes, one command a phase, from
 * inside DIR with UCMIG_CONF=batch.conf, and reads back only what they
 * write: --summary (summary.json), --report (report.csv) and the lists
 * of users they hand on. It keeps no record of the tools' work, only
 * which phase it is in (state.h); every re-run of a phase is the same
 * command, so each tool resumes from its own journal.
 *
 * Paths: after batch_enter() the process works inside DIR, and every
 * path it builds or prints is relative to DIR, so a printed command is
 * one an administrator can type there.
 *
 * Ownership: struct batch owns its strings (batch_release frees them).
 */
#ifndef UCMIG_BATCH_H
#define UCMIG_BATCH_H

#include <stdbool.h>
#include <time.h>

#include "base/strbuf.h"

/* The phases, in the order they run. */
enum phase {
	PHASE_EXPORT, PHASE_DISABLE, PHASE_VERIFY, PHASE_GATE, PHASE_DELETE,
	PHASE_RENAME, PHASE_IMPORT, PHASE_ARRIVED,
	PHASE_COUNT
};

/* [batch] import = ...: where the contacts go. */
enum import_mode { IMPORT_XMPP, IMPORT_BAT, IMPORT_WEBEX };

struct batch {
	char *dir;                 /* DIR as given, for messages */
	char *tools_dir;           /* where the ucmig-* programs are: beside this one */
	/* [batch] of batch.conf */
	enum import_mode import;
	bool rename;               /* rename = yes: the rename phase runs */
	bool fedcheck;             /* fedcheck = yes: plan runs ucmig-fedcheck */
	bool im_address;           /* [ucmig-rename] im-address is set: plan can tell
				    * whether the batch needs a rename */
	char *backup;              /* [batch] backup: the Export-CsUserData file plan
				    * checks holds every user, or NULL */
	/* read from the tools' own sections, so the gate is delete's own */
	long min_age_minutes;      /* [ucmig-delete] min-age (default 30) */
	/* the run */
	bool dry_run;              /* -n: every phase's dry run, into dry-run/ */
	const char *root;          /* "" for the batch, "dry-run/" or "00-plan/" */
};

#define BATCH_CONF "batch.conf"
#define BATCH_USERS "users.txt"
#define BATCH_STATE "state"
#define BATCH_LOCK "lock"

/* Check DIR holds a batch (batch.conf and users.txt) and go into it;
 * read batch.conf's [batch] section and delete's min-age. Returns 0 or
 * an exit status (66 no such batch, 78 a bad setting). */
int batch_enter(struct batch *b, const char *dir, const char *argv0);
void batch_release(struct batch *b);

/* The path of a phase's file under b->root: "20-disable/report.csv". */
void phase_path(const struct batch *b, enum phase p, const char *file, struct strbuf *out);
/* Make the phase's directory (0700) if it is missing: 0 or 73. */
int phase_mkdir(const struct batch *b, enum phase p);
/* The phase's name ("delete") and directory ("50-delete"). */
const char *phase_name(enum phase p);
const char *phase_dir(enum phase p);
/* The phase named name: 0, or 64 naming the phases there are. */
int phase_by_name(const char *name, enum phase *out);

/* Why this batch and this kind of run leave phase p out, or NULL when it
 * runs: rename only when batch.conf says; verify, the gate and the
 * read-back not in a dry run; the read-back only where the target can be
 * read (live rosters). The one place that decides it. */
const char *phase_left_out(const struct batch *b, enum phase p);
bool phase_needed(const struct batch *b, enum phase p);

/* "HH:MM" local time (for the gate's message and status). */
void batch_clock(time_t t, char out[6]);

#endif
