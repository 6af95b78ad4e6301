/*
 * outcome.c - see outcome.h.
 */
#include "outcome.h"

const struct outcome_def rename_outcomes[OUT_COUNT] = {
	[OUT_RENAMED] = { "renamed", OUTCOME_OK, GROUP_FILTER },
	[OUT_UNUSED] = { "not in the input", OUTCOME_OK, GROUP_FILTER },
	[OUT_MAPPED] = { "in the map", OUTCOME_OK, GROUP_MAPPED },
	[OUT_UNCHANGED] = { "unchanged", OUTCOME_OK, GROUP_MAP_OTHER, "left out" },
	[OUT_NOT_FOUND] = { "not found", OUTCOME_FAILED, GROUP_MAP_OTHER, "left out" },
	[OUT_AMBIGUOUS] = { "ambiguous", OUTCOME_FAILED, GROUP_MAP_OTHER, "left out" },
	[OUT_NO_ATTRIBUTE] = { "without the attribute", OUTCOME_FAILED, GROUP_MAP_OTHER, "left out" },
	[OUT_CONFLICT] = { "conflict", OUTCOME_FAILED, GROUP_MAP_OTHER, "left out" },
	[OUT_ITEM_RENAMED] = { "renamed", OUTCOME_OK, GROUP_ITEMS },
	[OUT_ITEM_MERGED] = { "merged into the new ID", OUTCOME_OK, GROUP_ITEMS },
	[OUT_ITEM_WOULD_RENAME] = { "would be renamed", OUTCOME_OK, GROUP_ITEMS },
	[OUT_ITEM_WOULD_MERGE] = { "would be merged into the new ID", OUTCOME_OK, GROUP_ITEMS },
	[OUT_ITEM_FAILED] = { "failed", OUTCOME_FAILED, GROUP_ITEMS_FAILED },
	[OUT_ITEM_NOT_ATTEMPTED] = { "not attempted", OUTCOME_FAILED, GROUP_ITEMS_FAILED },
};
