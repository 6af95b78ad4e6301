/*
 * outcome.c - see outcome.h.
 */
#include "outcome.h"

const struct outcome_def import_outcomes[OUT_COUNT] = {
	[OUT_PLANNED] = { "planned", OUTCOME_OK, GROUP_USERS },
	[OUT_UNASSIGNED] = { "not in the assignment", OUTCOME_FAILED, GROUP_USERS, "refused" },
	[OUT_SELF_CONTACT] = { "self-contact", OUTCOME_OK, GROUP_DROPPED, "dropped" },
	[OUT_DUPLICATE] = { "duplicate", OUTCOME_OK, GROUP_DROPPED, "dropped" },
	[OUT_OVER_LIMIT] = { "over the contact limit", OUTCOME_FAILED, GROUP_DROPPED, "dropped" },
	[OUT_ADDED] = { "added", OUTCOME_OK, GROUP_ITEMS },
	[OUT_MERGED] = { "groups merged", OUTCOME_OK, GROUP_ITEMS },
	[OUT_UNCHANGED] = { "already on the roster", OUTCOME_OK, GROUP_ITEMS },
	[OUT_JOURNAL_DONE] = { "added earlier (journal)", OUTCOME_OK, GROUP_ITEMS },
	[OUT_WOULD_ADD] = { "would be added", OUTCOME_OK, GROUP_ITEMS },
	[OUT_WOULD_MERGE] = { "would get groups merged", OUTCOME_OK, GROUP_ITEMS },
	[OUT_NOT_REGISTERED] = { "owner without an account", OUTCOME_FAILED, GROUP_REFUSED, "refused" },
	[OUT_FAILED] = { "failed", OUTCOME_FAILED, GROUP_FAILED },
	[OUT_NOT_ATTEMPTED] = { "not attempted", OUTCOME_FAILED, GROUP_FAILED },
};
