/*
 * outcome.h - what happened to each user in a delete run, as one table
 * (base/wrapup.h): per database, what the purge did (group 0); per user,
 * which interlock refused them (group 1, reported as "refused"). A user
 * disabled too recently is "try later" (exit 75) and has its own line in
 * the summary.
 */
#ifndef UCMIG_DELETE_OUTCOME_H
#define UCMIG_DELETE_OUTCOME_H

#include <stddef.h>

#include "base/wrapup.h"

enum purge_result {
	PR_DELETED, PR_DELETED_EARLIER, PR_NOTHING, PR_ABSENT, PR_WOULD_DELETE,
	PR_FAILED, PR_UNAVAILABLE, PR_LOGIN_REJECTED, PR_DATABASE_ERROR, PR_COUNT
};

enum refusal {
	REFUSE_NONE,
	REFUSE_AD_NOT_FOUND,
	REFUSE_AD_ENABLED,
	REFUSE_NO_BACKUP,
	REFUSE_NOT_DISABLED_BY_JOURNAL,
	REFUSE_TOO_RECENT,
	REFUSE_COUNT
};

enum { OUTCOME_GROUP_PURGE, OUTCOME_GROUP_REFUSED, OUTCOME_GROUP_LATER };

#define DELETE_OUTCOMES (PR_COUNT + REFUSE_COUNT)
extern const struct outcome_def delete_outcomes[DELETE_OUTCOMES];

/* The table's index of a purge result, or of a refusal. */
static inline size_t outcome_of_result(enum purge_result r) { return (size_t)r; }
static inline size_t outcome_of_refusal(enum refusal r) { return PR_COUNT + (size_t)r; }

static inline const char *refusal_text(enum refusal r)
{
	return delete_outcomes[outcome_of_refusal(r)].phrase;
}

#endif
