/*
 * outcome.h - what happened to each user in a disable, verify or undo
 * run, and what that means for the report, the rejects file, the summary
 * and the exit status.
 */
#ifndef UCMIG_DISABLE_OUTCOME_H
#define UCMIG_DISABLE_OUTCOME_H

#include <stdbool.h>
#include <stddef.h>

#include "base/strbuf.h"

enum outcome {
	OUT_PENDING,          /* a change is queued for this user */
	OUT_DISABLED,         /* changed from TRUE to FALSE by this run */
	OUT_ALREADY_DISABLED, /* FALSE before this run; not touched */
	OUT_JOURNAL_DONE,     /* disabled by an earlier run with this journal */
	OUT_WOULD_DISABLE,    /* dry run */
	OUT_VERIFIED,         /* --verify: FALSE */
	OUT_RESTORED,         /* --undo: previous value put back */
	OUT_WOULD_RESTORE,    /* --undo --dry-run */
	OUT_NOT_FOUND,
	OUT_AMBIGUOUS,        /* two entries carry the address */
	OUT_NO_ATTRIBUTE,     /* SIP address but no msRTCSIP-UserEnabled */
	OUT_REENABLED,        /* the journal disabled it, it is TRUE again */
	OUT_STILL_ENABLED,    /* --verify: TRUE */
	OUT_FAILED,           /* the server refused the change */
	OUT_NOT_ATTEMPTED,    /* the run stopped first (no -c) */
	OUT_COUNT
};

const char *outcome_token(enum outcome o);
bool outcome_is_failure(enum outcome o);

struct outcome_counts {
	unsigned long n[OUT_COUNT];
};

/* "N users: A disabled, B already disabled, ..." (non-zero counts). */
void outcome_summary(const struct outcome_counts *c, size_t users, struct strbuf *out);

#endif
