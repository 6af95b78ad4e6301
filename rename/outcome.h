/*
 * outcome.h - the report of a rename run. With --map: one line per map
 * entry, renamed (with how many rows) or not used by this input. With
 * --map-from-ldap: one line per user, in the map, unchanged (old and new
 * equal), or left out (not found, ambiguous, without the attribute, in
 * conflict with another user), which makes the exit status 1. With
 * --xmpp: one line per roster item, renamed, merged into an item of the
 * new ID already there, or failed / not attempted (exit 1).
 */
#ifndef UCMIG_RENAME_OUTCOME_H
#define UCMIG_RENAME_OUTCOME_H

#include "base/wrapup.h"

enum outcome {
	OUT_RENAMED, OUT_UNUSED,
	OUT_MAPPED, OUT_UNCHANGED, OUT_NOT_FOUND, OUT_AMBIGUOUS, OUT_NO_ATTRIBUTE, OUT_CONFLICT,
	/* --xmpp, per roster item renamed */
	OUT_ITEM_RENAMED, OUT_ITEM_MERGED, OUT_ITEM_WOULD_RENAME, OUT_ITEM_WOULD_MERGE,
	OUT_ITEM_FAILED, OUT_ITEM_NOT_ATTEMPTED, OUT_ITEM_UNANSWERED, OUT_ROSTER_UNREAD,
	OUT_COUNT
};

enum { GROUP_FILTER, GROUP_MAP_OTHER, GROUP_MAPPED, GROUP_ITEMS, GROUP_ITEMS_FAILED };

extern const struct outcome_def rename_outcomes[OUT_COUNT];

#endif
