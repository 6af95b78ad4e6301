/*
 * progress.h - the progress line of a long run.
 *
 * Shown on stderr only when stderr is a terminal and the run has lasted a
 * second (or when forced with --progress), redrawn at most 5 times a
 * second, and erased before the summary. Callers ask progress_due() per
 * record, which costs one clock read, and format the line only when due.
 */
#ifndef UCMIG_PROGRESS_H
#define UCMIG_PROGRESS_H

#include <stdbool.h>
#include <time.h>

#include "base/msg.h"

enum progress_mode { PROGRESS_AUTO, PROGRESS_ON, PROGRESS_OFF };

struct progress {
	bool enabled;
	struct timespec start, last;
};

void progress_start(struct progress *p, enum progress_mode mode);
bool progress_due(struct progress *p);
void progress_show(struct progress *p, const char *fmt, ...) UCMIG_PRINTF(2, 3);
void progress_end(struct progress *p);
/* Seconds since progress_start, for rates in summaries. */
double progress_elapsed(const struct progress *p);

#endif
