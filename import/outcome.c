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
};
