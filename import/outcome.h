/*
 * outcome.h - what happened to each user and dropped row of an import
 * plan: the table (base/wrapup.h) that gives each its word in reports
 * and the summary and its effect on the exit status.
 *
 * Per user: planned, or unassigned (no node in --assignment: refused,
 * never guessed). Per row dropped: a self-contact or a duplicate (IM and
 * Presence would drop them too: nothing is lost), or over the contact
 * limit (IM and Presence would drop it silently: a failure, the row goes
 * to --rejects).
 */
#ifndef UCMIG_IMPORT_OUTCOME_H
#define UCMIG_IMPORT_OUTCOME_H

#include "base/wrapup.h"

enum outcome {
	OUT_PLANNED,
	OUT_UNASSIGNED,
	OUT_SELF_CONTACT,
	OUT_DUPLICATE,
	OUT_OVER_LIMIT,
	OUT_COUNT
};

enum { GROUP_USERS, GROUP_DROPPED };

extern const struct outcome_def import_outcomes[OUT_COUNT];

#endif
