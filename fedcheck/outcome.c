/*
 * outcome.c - see outcome.h.
 */
#include "outcome.h"

const struct outcome_def fedcheck_outcomes[VERDICT_COUNT] = {
	[VERDICT_PASS] = { "pass", OUTCOME_OK, 0, "PASS" },
	[VERDICT_WARN] = { "warn", OUTCOME_OK, 0, "WARN" },
	[VERDICT_FAIL] = { "fail", OUTCOME_FAILED, 0, "FAIL" },
};

const struct outcome_def fedcheck_outcomes_strict[VERDICT_COUNT] = {
	[VERDICT_PASS] = { "pass", OUTCOME_OK, 0, "PASS" },
	[VERDICT_WARN] = { "warn", OUTCOME_FAILED, 0, "WARN" },
	[VERDICT_FAIL] = { "fail", OUTCOME_FAILED, 0, "FAIL" },
};
