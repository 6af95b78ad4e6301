/*
 * outcome.h - the report of a rename run. With --map: one line per map
 * entry, renamed (with how many rows) or not used by this input. With
 * --map-from-ldap: one line per user, in the map, unchanged (old and new
 * equal), or left out (not found, ambiguous, without the attribute, in
 * conflict with another user), which makes the exit status 1.
 */
#ifndef UCMIG_RENAME_OUTCOME_H
#define UCMIG_RENAME_OUTCOME_H

#include "base/wrapup.h"

enum outcome {
	OUT_RENAMED, OUT_UNUSED,
	OUT_MAPPED, OUT_UNCHANGED, OUT_NOT_FOUND, OUT_AMBIGUOUS, OUT_NO_ATTRIBUTE, OUT_CONFLICT,
	OUT_COUNT
};

enum { GROUP_FILTER, GROUP_MAP_OTHER, GROUP_MAPPED };

extern const struct outcome_def rename_outcomes[OUT_COUNT];

#endif
