/*
 * outcome.c - see outcome.h.
 */
#include "outcome.h"

static const struct {
	const char *token;     /* in reports and summaries */
	bool failure;          /* makes the exit status 1 and goes to --rejects */
} info[OUT_COUNT] = {
	[OUT_PENDING] = { "pending", true },
	[OUT_DISABLED] = { "disabled", false },
	[OUT_ALREADY_DISABLED] = { "already disabled", false },
	[OUT_JOURNAL_DONE] = { "disabled earlier (journal)", false },
	[OUT_WOULD_DISABLE] = { "would be disabled", false },
	[OUT_VERIFIED] = { "verified disabled", false },
	[OUT_RESTORED] = { "restored", false },
	[OUT_WOULD_RESTORE] = { "would be restored", false },
	[OUT_NOT_FOUND] = { "not found", true },
	[OUT_AMBIGUOUS] = { "ambiguous", true },
	[OUT_NO_ATTRIBUTE] = { "without msRTCSIP-UserEnabled", true },
	[OUT_REENABLED] = { "enabled again since", true },
	[OUT_STILL_ENABLED] = { "still enabled", true },
	[OUT_FAILED] = { "failed", true },
	[OUT_NOT_ATTEMPTED] = { "not attempted", true },
};

const char *outcome_token(enum outcome o)
{
	return info[o].token;
}

bool outcome_is_failure(enum outcome o)
{
	return info[o].failure;
}

void outcome_summary(const struct outcome_counts *c, size_t users, struct strbuf *out)
{
	bool first = true;

	strbuf_addf(out, "%zu user%s", users, users == 1 ? "" : "s");
	for (int o = 0; o < OUT_COUNT; o++) {
		if (!c->n[o])
			continue;
		strbuf_addf(out, "%s%lu %s", first ? ": " : ", ", c->n[o], info[o].token);
		first = false;
	}
}
