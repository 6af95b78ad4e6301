/*
 * phases.h - each phase as the command it runs: a table, one row a phase
 * (phases.c), each row the tool and the arguments it gets from the phase
 * before. Options the administrator chose are batch.conf's (the tools
 * read it themselves); a row adds only the batch's own files.
 *
 * A phase's files are in its directory under b->root: report.csv and
 * summary.json always (the tool's --report and --summary), the journal
 * and rejects where the tool has them.
 */
#ifndef UCMIG_BATCH_PHASES_H
#define UCMIG_BATCH_PHASES_H

#include "batch.h"

/* How a phase ended. */
struct phase_end {
	int exit;             /* the tool's exit status (the last one's, for two) */
	bool skipped;         /* not needed in this batch or this kind of run */
	const char *why;      /* for skipped: static */
};

/* Run phase p: its command, or nothing when it is skipped. Returns 0, or
 * an exit status when it could not be run at all. */
int phase_run(struct batch *b, enum phase p, struct phase_end *end);

#endif
