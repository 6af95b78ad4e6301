/*
 * outcome.c - see outcome.h.
 */
#include "outcome.h"

const struct outcome_def import_outcomes[OUT_COUNT] = {
	[OUT_PLANNED] = { "planned", RESULT_PLANNED, GROUP_USERS },
	[OUT_UNASSIGNED] = { "not in the assignment", RESULT_UNASSIGNED, GROUP_USERS },
	[OUT_SELF_CONTACT] = { "self-contact", RESULT_SELF_CONTACT, GROUP_DROPPED },
	[OUT_DUPLICATE] = { "duplicate", RESULT_DUPLICATE, GROUP_DROPPED },
	[OUT_OVER_LIMIT] = { "over the contact limit", RESULT_OVER_LIMIT, GROUP_DROPPED },
	[OUT_ADDED] = { "added", RESULT_ADDED, GROUP_ITEMS },
	[OUT_MERGED] = { "groups merged", RESULT_GROUPS_MERGED, GROUP_ITEMS },
	[OUT_UNCHANGED] = { "already on the roster", RESULT_ON_ROSTER, GROUP_ITEMS },
	[OUT_JOURNAL_DONE] = { "added earlier (journal)", RESULT_ADDED_EARLIER, GROUP_ITEMS },
	[OUT_WOULD_ADD] = { "would be added", RESULT_WOULD_ADD, GROUP_ITEMS },
	[OUT_WOULD_MERGE] = { "would get groups merged", RESULT_WOULD_MERGE_GROUPS, GROUP_ITEMS },
	[OUT_NOT_REGISTERED] = { "owner without an account", RESULT_NO_ACCOUNT, GROUP_REFUSED },
	[OUT_FAILED] = { "failed", RESULT_FAILED, GROUP_FAILED },
	[OUT_NOT_ATTEMPTED] = { "not attempted", RESULT_NOT_ATTEMPTED, GROUP_FAILED },
	[OUT_UNANSWERED] = { "sent, not answered", RESULT_PENDING, GROUP_FAILED },
	[OUT_ARRIVED] = { "arrived", RESULT_ARRIVED, GROUP_RECONCILE },
	[OUT_INCOMPLETE] = { "incomplete", RESULT_INCOMPLETE, GROUP_RECONCILE },
	[OUT_NOT_ARRIVED] = { "not arrived", RESULT_NOT_ARRIVED, GROUP_RECONCILE },
};
