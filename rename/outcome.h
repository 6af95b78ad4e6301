/*
 * outcome.h - the report of a rename: one line per map entry, renamed
 * (with how many rows) or not used by this input.
 */
#ifndef UCMIG_RENAME_OUTCOME_H
#define UCMIG_RENAME_OUTCOME_H

#include "base/wrapup.h"

enum outcome { OUT_RENAMED, OUT_UNUSED, OUT_COUNT };

extern const struct outcome_def rename_outcomes[OUT_COUNT];

#endif
