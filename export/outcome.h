/*
 * outcome.h - what happened to each user, contact or item an export
 * read: the table (base/wrapup.h) that gives each its result in the
 * report (base/result.h) and its effect on the exit status. Export's
 * summary line is its own (exporter_summary: contacts, rows, lists), so
 * the groups are not used.
 */
#ifndef UCMIG_EXPORT_OUTCOME_H
#define UCMIG_EXPORT_OUTCOME_H

#include "base/wrapup.h"

enum outcome {
	OUT_EXPORTED,         /* the user's list was written (an empty one too, with --include-empty) */
	OUT_EMPTY_LIST,       /* empty and maybe in the unified contact store: not listed as exported */
	OUT_SKIPPED,          /* a distribution list, a contact again, not a user: by design */
	OUT_REJECTED,         /* a contact that would not make a valid BAT row */
	OUT_DUPLICATE_USER,   /* the user again in the source */
	OUT_NOT_FOUND,        /* in the user list, not in the source */
	OUT_FAILED,           /* the user's address, or part of the list, could not be exported */
	OUT_COUNT
};

extern const struct outcome_def export_outcomes[OUT_COUNT];

#endif
