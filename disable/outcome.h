/*
 * outcome.h - what happened to each user in a disable, verify or undo
 * run, of either target (run.h): the table (base/wrapup.h) that gives
 * each outcome its word in reports and the summary and its effect on the
 * exit status.
 */
#ifndef UCMIG_DISABLE_OUTCOME_H
#define UCMIG_DISABLE_OUTCOME_H

#include <stdbool.h>

#include "base/wrapup.h"

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
	/* --set-address */
	OUT_ADDRESS_SET,      /* added by this run */
	OUT_HAS_ADDRESS,      /* had one before (any value): not touched */
	OUT_ADDRESS_EARLIER,  /* added by an earlier run with this journal */
	OUT_WOULD_SET,        /* dry run */
	OUT_ADDRESS_VERIFIED, /* --verify: carries its address, alone */
	OUT_ADDRESS_REMOVED,  /* --undo: the value added is gone again */
	OUT_WOULD_REMOVE,     /* --undo --dry-run */
	OUT_DUPLICATE,        /* two users would get the same address */
	OUT_ADDRESS_TAKEN,    /* another entry carries it already */
	OUT_NO_ADDRESS,       /* --verify: none */
	OUT_OTHER_ADDRESS,    /* --verify: another one */
	OUT_CHANGED_SINCE,    /* the journal's value is not there any more */
	OUT_COUNT
};

extern const struct outcome_def disable_outcomes[OUT_COUNT];

/* Does this outcome make the exit status 1 and go to --rejects? */
static inline bool outcome_is_failure(enum outcome o)
{
	return outcome_effect(&disable_outcomes[o]) != OUTCOME_OK;
}

#endif
