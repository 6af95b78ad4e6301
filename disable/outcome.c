/*
 * outcome.c - see outcome.h.
 */
#include "outcome.h"

const struct outcome_def disable_outcomes[OUT_COUNT] = {
	[OUT_PENDING] = { "pending", OUTCOME_FAILED, 0 },
	[OUT_DISABLED] = { "disabled", OUTCOME_OK, 0 },
	[OUT_ALREADY_DISABLED] = { "already disabled", OUTCOME_OK, 0 },
	[OUT_JOURNAL_DONE] = { "disabled earlier (journal)", OUTCOME_OK, 0 },
	[OUT_WOULD_DISABLE] = { "would be disabled", OUTCOME_OK, 0 },
	[OUT_VERIFIED] = { "verified disabled", OUTCOME_OK, 0 },
	[OUT_RESTORED] = { "restored", OUTCOME_OK, 0 },
	[OUT_WOULD_RESTORE] = { "would be restored", OUTCOME_OK, 0 },
	[OUT_NOT_FOUND] = { "not found", OUTCOME_FAILED, 0 },
	[OUT_AMBIGUOUS] = { "ambiguous", OUTCOME_FAILED, 0 },
	[OUT_NO_ATTRIBUTE] = { "without msRTCSIP-UserEnabled", OUTCOME_FAILED, 0 },
	[OUT_REENABLED] = { "enabled again since", OUTCOME_FAILED, 0 },
	[OUT_STILL_ENABLED] = { "still enabled", OUTCOME_FAILED, 0 },
	[OUT_FAILED] = { "failed", OUTCOME_FAILED, 0 },
	[OUT_NOT_ATTEMPTED] = { "not attempted", OUTCOME_FAILED, 0 },
	[OUT_ADDRESS_SET] = { "address set", OUTCOME_OK, 0 },
	[OUT_HAS_ADDRESS] = { "has-address", OUTCOME_OK, 0 },
	[OUT_ADDRESS_EARLIER] = { "address set earlier (journal)", OUTCOME_OK, 0 },
	[OUT_WOULD_SET] = { "would get an address", OUTCOME_OK, 0 },
	[OUT_ADDRESS_VERIFIED] = { "verified address", OUTCOME_OK, 0 },
	[OUT_ADDRESS_REMOVED] = { "address removed", OUTCOME_OK, 0 },
	[OUT_WOULD_REMOVE] = { "address would be removed", OUTCOME_OK, 0 },
	[OUT_DUPLICATE] = { "duplicate in batch", OUTCOME_FAILED, 0 },
	[OUT_ADDRESS_TAKEN] = { "address taken", OUTCOME_FAILED, 0 },
	[OUT_NO_ADDRESS] = { "without an address", OUTCOME_FAILED, 0 },
	[OUT_OTHER_ADDRESS] = { "other address", OUTCOME_FAILED, 0 },
	[OUT_CHANGED_SINCE] = { "changed since", OUTCOME_FAILED, 0 },
};
