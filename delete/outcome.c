/*
 * outcome.c - see outcome.h.
 */
#include "outcome.h"

#define REFUSED(r) (PR_COUNT + (r))

const struct outcome_def delete_outcomes[DELETE_OUTCOMES] = {
	[PR_DELETED] = { "deleted", RESULT_DELETED, OUTCOME_GROUP_PURGE },
	[PR_DELETED_EARLIER] = { "deleted earlier (journal)", RESULT_DELETED_EARLIER, OUTCOME_GROUP_PURGE },
	[PR_NOTHING] = { "not homed here: nothing to delete", RESULT_NOTHING_TO_DELETE, OUTCOME_GROUP_PURGE },
	[PR_ABSENT] = { "not on this database", RESULT_NOT_ON_DATABASE, OUTCOME_GROUP_PURGE },
	[PR_WOULD_DELETE] = { "would be deleted", RESULT_WOULD_DELETE, OUTCOME_GROUP_PURGE },
	[PR_FAILED] = { "failed", RESULT_FAILED, OUTCOME_GROUP_PURGE },
	[PR_UNAVAILABLE] = { "database unavailable", RESULT_DATABASE_UNAVAILABLE, OUTCOME_GROUP_PURGE },
	[PR_LOGIN_REJECTED] = { "login rejected", RESULT_LOGIN_REJECTED, OUTCOME_GROUP_PURGE },
	[PR_DATABASE_ERROR] = { "database error", RESULT_DATABASE_ERROR, OUTCOME_GROUP_PURGE },
	/* A user no interlock refused is never recorded as refused: a
	 * placeholder, in no group. */
	[REFUSED(REFUSE_NONE)] = { "", RESULT_FAILED, -1 },
	[REFUSED(REFUSE_AD_NOT_FOUND)] = { "not found in Active Directory", RESULT_NOT_IN_AD, OUTCOME_GROUP_REFUSED },
	[REFUSED(REFUSE_AD_ENABLED)] = { "not disabled in Active Directory (msRTCSIP-UserEnabled is not FALSE)",
					 RESULT_ENABLED_IN_AD, OUTCOME_GROUP_REFUSED },
	[REFUSED(REFUSE_NO_BACKUP)] = { "no backup holds this user", RESULT_NO_BACKUP, OUTCOME_GROUP_REFUSED },
	[REFUSED(REFUSE_NOT_DISABLED_BY_JOURNAL)] = { "not disabled according to the disable journal",
						      RESULT_NOT_DISABLED_BY_JOURNAL, OUTCOME_GROUP_REFUSED },
	[REFUSED(REFUSE_TOO_RECENT)] = { "disabled less than --min-age ago: try later", RESULT_TOO_RECENT,
					 OUTCOME_GROUP_LATER },
};
