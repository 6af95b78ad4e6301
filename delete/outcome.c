/*
 * outcome.c - see outcome.h.
 */
#include "outcome.h"

#define REFUSED(r) (PR_COUNT + (r))

const struct outcome_def delete_outcomes[DELETE_OUTCOMES] = {
	[PR_DELETED] = { "deleted", OUTCOME_OK, OUTCOME_GROUP_PURGE, NULL },
	[PR_DELETED_EARLIER] = { "deleted earlier (journal)", OUTCOME_OK, OUTCOME_GROUP_PURGE, NULL },
	[PR_NOTHING] = { "not homed here: nothing to delete", OUTCOME_OK, OUTCOME_GROUP_PURGE, NULL },
	[PR_ABSENT] = { "not on this database", OUTCOME_OK, OUTCOME_GROUP_PURGE, NULL },
	[PR_WOULD_DELETE] = { "would be deleted", OUTCOME_OK, OUTCOME_GROUP_PURGE, NULL },
	[PR_FAILED] = { "failed", OUTCOME_FAILED, OUTCOME_GROUP_PURGE, NULL },
	[PR_UNAVAILABLE] = { "database unavailable", OUTCOME_FAILED, OUTCOME_GROUP_PURGE, NULL },
	[PR_LOGIN_REJECTED] = { "login rejected", OUTCOME_FAILED, OUTCOME_GROUP_PURGE, NULL },
	[PR_DATABASE_ERROR] = { "database error", OUTCOME_FAILED, OUTCOME_GROUP_PURGE, NULL },
	[REFUSED(REFUSE_NONE)] = { "", OUTCOME_OK, -1, NULL },
	[REFUSED(REFUSE_AD_NOT_FOUND)] = { "not found in Active Directory", OUTCOME_FAILED,
					   OUTCOME_GROUP_REFUSED, "refused" },
	[REFUSED(REFUSE_AD_ENABLED)] = {
		"not disabled in Active Directory (msRTCSIP-UserEnabled is not FALSE)",
		OUTCOME_FAILED, OUTCOME_GROUP_REFUSED, "refused" },
	[REFUSED(REFUSE_NO_BACKUP)] = { "no backup holds this user", OUTCOME_FAILED,
					OUTCOME_GROUP_REFUSED, "refused" },
	[REFUSED(REFUSE_NOT_DISABLED_BY_JOURNAL)] = { "not disabled according to the disable journal",
						      OUTCOME_FAILED, OUTCOME_GROUP_REFUSED, "refused" },
	[REFUSED(REFUSE_TOO_RECENT)] = { "disabled less than --min-age ago: try later", OUTCOME_LATER,
					 OUTCOME_GROUP_LATER, "refused" },
};
