/*
 * outcome.c - see outcome.h.
 */
#include "outcome.h"

const struct outcome_def rename_outcomes[OUT_COUNT] = {
	[OUT_RENAMED] = { "renamed", RESULT_RENAMED, GROUP_FILTER },
	[OUT_UNUSED] = { "not in the input", RESULT_UNUSED, GROUP_FILTER },
	[OUT_MAPPED] = { "in the map", RESULT_MAPPED, GROUP_MAPPED },
	[OUT_UNCHANGED] = { "unchanged", RESULT_UNCHANGED, GROUP_MAP_OTHER },
	[OUT_NOT_FOUND] = { "not found", RESULT_NOT_FOUND, GROUP_MAP_OTHER },
	[OUT_AMBIGUOUS] = { "ambiguous", RESULT_AMBIGUOUS, GROUP_MAP_OTHER },
	[OUT_NO_ATTRIBUTE] = { "without the attribute", RESULT_NO_ATTRIBUTE, GROUP_MAP_OTHER },
	[OUT_CONFLICT] = { "conflict", RESULT_CONFLICT, GROUP_MAP_OTHER },
	[OUT_ITEM_RENAMED] = { "renamed", RESULT_RENAMED, GROUP_ITEMS },
	[OUT_ITEM_MERGED] = { "merged into the new ID", RESULT_MERGED, GROUP_ITEMS },
	[OUT_ITEM_WOULD_RENAME] = { "would be renamed", RESULT_WOULD_RENAME, GROUP_ITEMS },
	[OUT_ITEM_WOULD_MERGE] = { "would be merged into the new ID", RESULT_WOULD_MERGE, GROUP_ITEMS },
	[OUT_ITEM_FAILED] = { "failed", RESULT_FAILED, GROUP_ITEMS_FAILED },
	[OUT_ITEM_NOT_ATTEMPTED] = { "not attempted", RESULT_NOT_ATTEMPTED, GROUP_ITEMS_FAILED },
	[OUT_ITEM_UNANSWERED] = { "sent, not answered", RESULT_PENDING, GROUP_ITEMS_FAILED },
	/* a roster whose get_roster failed: its items keep their old IDs */
	[OUT_ROSTER_UNREAD] = { "roster not read", RESULT_FAILED, GROUP_ITEMS_FAILED },
};
