/*
 * result.h - the one result language of the suite: every token any tool
 * writes in its report's result column, what it means, and whether it
 * counts as a failure. ucmig(7)'s REPORT FORMAT is this table (t0100
 * checks the two word for word, from the hidden --list-results).
 *
 * Rules:
 *   - A token is lower case, words joined by '-': "already-disabled".
 *     One meaning per token across the tools; a tool that needs another
 *     meaning adds a token here, never a spelling of its own.
 *   - report_line takes an enum result, so no report can carry a word
 *     that is not in this table.
 *   - The effect is the token's: a failure makes the exit status 1 and
 *     the record goes to --rejects; "later" makes it 75. A tool's
 *     outcome table (base/wrapup.h) may make a token a failure for one
 *     run (fedcheck --strict: warn), never the other way round.
 *
 * Ownership: the table is static and constant.
 */
#ifndef UCMIG_RESULT_H
#define UCMIG_RESULT_H

#include <stdbool.h>
#include <stdio.h>

enum outcome_effect {
	OUTCOME_AS_RESULT,   /* in an outcome table: the result's own effect */
	OUTCOME_OK,          /* nothing to do about it */
	OUTCOME_FAILED,      /* the record failed: exit 1 unless worse */
	OUTCOME_LATER,       /* try again later: exit 75 unless worse */
};

enum result {
	/* any tool */
	RESULT_FAILED, RESULT_NOT_ATTEMPTED, RESULT_NOT_FOUND, RESULT_AMBIGUOUS, RESULT_NO_ATTRIBUTE,
	RESULT_LISTED_TWICE,
	/* export */
	RESULT_EXPORTED, RESULT_EMPTY_LIST, RESULT_SKIPPED, RESULT_REJECTED, RESULT_DUPLICATE_USER,
	/* disable: msRTCSIP-UserEnabled */
	RESULT_PENDING, RESULT_DISABLED, RESULT_ALREADY_DISABLED, RESULT_DISABLED_EARLIER,
	RESULT_WOULD_DISABLE, RESULT_VERIFIED_DISABLED, RESULT_RESTORED, RESULT_WOULD_RESTORE,
	RESULT_ENABLED_AGAIN, RESULT_STILL_ENABLED,
	/* disable --set-address */
	RESULT_ADDRESS_SET, RESULT_HAS_ADDRESS, RESULT_ADDRESS_SET_EARLIER, RESULT_WOULD_SET_ADDRESS,
	RESULT_VERIFIED_ADDRESS, RESULT_ADDRESS_REMOVED, RESULT_WOULD_REMOVE_ADDRESS,
	RESULT_SAME_ADDRESS, RESULT_ADDRESS_TAKEN, RESULT_NO_ADDRESS, RESULT_OTHER_ADDRESS,
	RESULT_CHANGED_SINCE,
	/* delete */
	RESULT_DELETED, RESULT_DELETED_EARLIER, RESULT_NOTHING_TO_DELETE, RESULT_NOT_ON_DATABASE,
	RESULT_WOULD_DELETE, RESULT_DATABASE_UNAVAILABLE, RESULT_LOGIN_REJECTED, RESULT_DATABASE_ERROR,
	RESULT_NOT_IN_AD, RESULT_ENABLED_IN_AD, RESULT_NO_BACKUP, RESULT_NOT_DISABLED_BY_JOURNAL,
	RESULT_TOO_RECENT,
	/* import */
	RESULT_PLANNED, RESULT_UNASSIGNED, RESULT_SELF_CONTACT, RESULT_DUPLICATE, RESULT_OVER_LIMIT,
	RESULT_ADDED, RESULT_GROUPS_MERGED, RESULT_ON_ROSTER, RESULT_ADDED_EARLIER, RESULT_WOULD_ADD,
	RESULT_WOULD_MERGE_GROUPS, RESULT_NO_ACCOUNT,
	/* import --reconcile */
	RESULT_ARRIVED, RESULT_INCOMPLETE, RESULT_NOT_ARRIVED,
	/* rename */
	RESULT_RENAMED, RESULT_UNUSED, RESULT_MAPPED, RESULT_UNCHANGED, RESULT_CONFLICT,
	RESULT_MERGED, RESULT_WOULD_RENAME, RESULT_WOULD_MERGE,
	/* fedcheck */
	RESULT_PASS, RESULT_WARN, RESULT_FAIL,
	RESULT_COUNT
};

struct result_def {
	const char *token;
	enum outcome_effect effect;   /* never OUTCOME_AS_RESULT here */
	const char *meaning;          /* one line, for ucmig(7) */
};

extern const struct result_def result_table[RESULT_COUNT];

static inline const char *result_token(enum result r)
{
	return result_table[r].token;
}

/* The result whose token is text (a report read back): true and *out
 * set, or false for a word no row of the table has. */
bool result_from_token(const char *text, enum result *out);

/* The hidden --list-results: "TOKEN<TAB>ok|failure|later<TAB>MEANING" a line. */
void result_list(FILE *out);

#endif
