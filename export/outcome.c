/*
 * outcome.c - see outcome.h.
 */
#include "outcome.h"

const struct outcome_def export_outcomes[OUT_COUNT] = {
	[OUT_EXPORTED] = { "exported", RESULT_EXPORTED, 0 },
	[OUT_EMPTY_LIST] = { "empty list", RESULT_EMPTY_LIST, 0 },
	[OUT_SKIPPED] = { "skipped", RESULT_SKIPPED, 0 },
	[OUT_REJECTED] = { "rejected", RESULT_REJECTED, 0 },
	[OUT_DUPLICATE_USER] = { "duplicate user", RESULT_DUPLICATE_USER, 0 },
	[OUT_NOT_FOUND] = { "not found", RESULT_NOT_FOUND, 0 },
	[OUT_FAILED] = { "failed", RESULT_FAILED, 0 },
};
