/*
 * outcome.h - ucmig-fedcheck's outcomes for the run wrap-up (one per
 * verdict), in two tables: WARN counts as a failure only with --strict.
 */
#ifndef FEDCHECK_OUTCOME_H
#define FEDCHECK_OUTCOME_H

#include "base/wrapup.h"
#include "finding.h"

extern const struct outcome_def fedcheck_outcomes[VERDICT_COUNT];
extern const struct outcome_def fedcheck_outcomes_strict[VERDICT_COUNT];

#endif
