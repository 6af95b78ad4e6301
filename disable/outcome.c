/*
 * outcome.c - see outcome.h.
 */
#include "outcome.h"

const struct outcome_def disable_outcomes[OUT_COUNT] = {
	[OUT_PENDING] = { "pending", RESULT_PENDING, 0 },
	[OUT_DISABLED] = { "disabled", RESULT_DISABLED, 0 },
	[OUT_ALREADY_DISABLED] = { "already disabled", RESULT_ALREADY_DISABLED, 0 },
	[OUT_JOURNAL_DONE] = { "disabled earlier (journal)", RESULT_DISABLED_EARLIER, 0 },
	[OUT_WOULD_DISABLE] = { "would be disabled", RESULT_WOULD_DISABLE, 0 },
	[OUT_VERIFIED] = { "verified disabled", RESULT_VERIFIED_DISABLED, 0 },
	[OUT_RESTORED] = { "restored", RESULT_RESTORED, 0 },
	[OUT_WOULD_RESTORE] = { "would be restored", RESULT_WOULD_RESTORE, 0 },
	[OUT_NOT_FOUND] = { "not found", RESULT_NOT_FOUND, 0 },
	[OUT_AMBIGUOUS] = { "ambiguous", RESULT_AMBIGUOUS, 0 },
	[OUT_NO_ATTRIBUTE] = { "without msRTCSIP-UserEnabled", RESULT_NO_ATTRIBUTE, 0 },
	[OUT_REENABLED] = { "enabled again since", RESULT_ENABLED_AGAIN, 0 },
	[OUT_STILL_ENABLED] = { "still enabled", RESULT_STILL_ENABLED, 0 },
	[OUT_FAILED] = { "failed", RESULT_FAILED, 0 },
	[OUT_NOT_ATTEMPTED] = { "not attempted", RESULT_NOT_ATTEMPTED, 0 },
	[OUT_ADDRESS_SET] = { "address set", RESULT_ADDRESS_SET, 0 },
	[OUT_HAS_ADDRESS] = { "with an address already", RESULT_HAS_ADDRESS, 0 },
	[OUT_ADDRESS_EARLIER] = { "address set earlier (journal)", RESULT_ADDRESS_SET_EARLIER, 0 },
	[OUT_WOULD_SET] = { "would get an address", RESULT_WOULD_SET_ADDRESS, 0 },
	[OUT_ADDRESS_VERIFIED] = { "verified address", RESULT_VERIFIED_ADDRESS, 0 },
	[OUT_ADDRESS_REMOVED] = { "address removed", RESULT_ADDRESS_REMOVED, 0 },
	[OUT_WOULD_REMOVE] = { "address would be removed", RESULT_WOULD_REMOVE_ADDRESS, 0 },
	[OUT_DUPLICATE] = { "duplicate in batch", RESULT_SAME_ADDRESS, 0 },
	[OUT_ADDRESS_TAKEN] = { "address taken", RESULT_ADDRESS_TAKEN, 0 },
	[OUT_NO_ADDRESS] = { "without an address", RESULT_NO_ADDRESS, 0 },
	[OUT_OTHER_ADDRESS] = { "other address", RESULT_OTHER_ADDRESS, 0 },
	[OUT_CHANGED_SINCE] = { "changed since", RESULT_CHANGED_SINCE, 0 },
};
