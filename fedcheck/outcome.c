/*
 * outcome.c - see outcome.h.
 */
#include "outcome.h"

const struct outcome_def fedcheck_outcomes[VERDICT_COUNT] = {
	[VERDICT_PASS] = { "pass", RESULT_PASS, 0 },
	[VERDICT_WARN] = { "warn", RESULT_WARN, 0 },
	[VERDICT_FAIL] = { "fail", RESULT_FAIL, 0 },
};

/* --strict: a WARN fails the run too (the one place a tool makes a token
 * stricter than the table). */
const struct outcome_def fedcheck_outcomes_strict[VERDICT_COUNT] = {
	[VERDICT_PASS] = { "pass", RESULT_PASS, 0 },
	[VERDICT_WARN] = { "warn", RESULT_WARN, 0, OUTCOME_FAILED },
	[VERDICT_FAIL] = { "fail", RESULT_FAIL, 0 },
};
