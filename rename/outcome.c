/*
 * outcome.c - see outcome.h.
 */
#include "outcome.h"

const struct outcome_def rename_outcomes[OUT_COUNT] = {
	[OUT_RENAMED] = { "renamed", OUTCOME_OK, 0 },
	[OUT_UNUSED] = { "not in the input", OUTCOME_OK, 0 },
};
