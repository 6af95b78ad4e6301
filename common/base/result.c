/*
 * result.c - the table of result.h. Kept in the order of the enum; a
 * unit test checks every token's spelling and that none repeats.
 */
#include <string.h>

#include "base/result.h"

#define OK OUTCOME_OK
#define FAILED OUTCOME_FAILED
#define LATER OUTCOME_LATER

const struct result_def result_table[RESULT_COUNT] = {
	[RESULT_FAILED] = { "failed", FAILED, "the server refused the change, or the record could not be done; the detail says why" },
	[RESULT_NOT_ATTEMPTED] = { "not-attempted", FAILED, "not tried: the run stopped first (a failure without -c, or a signal)" },
	[RESULT_NOT_FOUND] = { "not-found", FAILED, "not in the directory, database or source read" },
	[RESULT_AMBIGUOUS] = { "ambiguous", FAILED, "more than one directory entry carries the address" },
	[RESULT_NO_ATTRIBUTE] = { "no-attribute", FAILED, "found, but without the attribute the tool reads or changes" },
	[RESULT_LISTED_TWICE] = { "listed-twice", OK, "the user list names the user again; acted on once" },

	[RESULT_EXPORTED] = { "exported", OK, "the user's contact list was written" },
	[RESULT_EMPTY_LIST] = { "empty-list", OK, "no contacts on the server: the list may be in Exchange (unified contact store); not listed as exported" },
	[RESULT_SKIPPED] = { "skipped", OK, "not exported by design: a distribution list, a self-contact, a contact again, not a user" },
	[RESULT_REJECTED] = { "rejected", FAILED, "a contact that could not be written as a valid BAT row" },
	[RESULT_DUPLICATE_USER] = { "duplicate-user", FAILED, "the user appears again in the source; that copy was not exported" },

	[RESULT_PENDING] = { "pending", FAILED, "a change was sent and not confirmed when the run ended" },
	[RESULT_DISABLED] = { "disabled", OK, "msRTCSIP-UserEnabled changed to FALSE by this run" },
	[RESULT_ALREADY_DISABLED] = { "already-disabled", OK, "msRTCSIP-UserEnabled was FALSE already; not touched" },
	[RESULT_DISABLED_EARLIER] = { "disabled-earlier", OK, "disabled by an earlier run with this journal" },
	[RESULT_WOULD_DISABLE] = { "would-disable", OK, "dry run: would be disabled" },
	[RESULT_VERIFIED_DISABLED] = { "verified-disabled", OK, "--verify: msRTCSIP-UserEnabled is FALSE" },
	[RESULT_RESTORED] = { "restored", OK, "--undo: the value before the disable is back" },
	[RESULT_WOULD_RESTORE] = { "would-restore", OK, "--undo dry run: would be restored" },
	[RESULT_ENABLED_AGAIN] = { "enabled-again", FAILED, "the journal disabled the user; it is enabled again since" },
	[RESULT_STILL_ENABLED] = { "still-enabled", FAILED, "--verify: msRTCSIP-UserEnabled is not FALSE" },

	[RESULT_ADDRESS_SET] = { "address-set", OK, "msRTCSIP-PrimaryUserAddress added by this run" },
	[RESULT_HAS_ADDRESS] = { "has-address", OK, "had an msRTCSIP-PrimaryUserAddress already (any value); not touched" },
	[RESULT_ADDRESS_SET_EARLIER] = { "address-set-earlier", OK, "the address was added by an earlier run with this journal" },
	[RESULT_WOULD_SET_ADDRESS] = { "would-set-address", OK, "dry run: would get an address" },
	[RESULT_VERIFIED_ADDRESS] = { "verified-address", OK, "--verify: carries its address, alone" },
	[RESULT_ADDRESS_REMOVED] = { "address-removed", OK, "--undo: the address this journal added is gone again" },
	[RESULT_WOULD_REMOVE_ADDRESS] = { "would-remove-address", OK, "--undo dry run: the address would be removed" },
	[RESULT_SAME_ADDRESS] = { "same-address", FAILED, "two users of the batch would get the same address" },
	[RESULT_ADDRESS_TAKEN] = { "address-taken", FAILED, "another directory entry carries the address already" },
	[RESULT_NO_ADDRESS] = { "no-address", FAILED, "--verify: without an address" },
	[RESULT_OTHER_ADDRESS] = { "other-address", FAILED, "--verify: carries another address" },
	[RESULT_CHANGED_SINCE] = { "changed-since", FAILED, "--undo: the value the journal wrote was changed since; not touched" },

	[RESULT_DELETED] = { "deleted", OK, "the user's data removed from this database" },
	[RESULT_DELETED_EARLIER] = { "deleted-earlier", OK, "deleted by an earlier run with this journal" },
	[RESULT_NOTHING_TO_DELETE] = { "nothing-to-delete", OK, "not homed on this database: nothing to delete there" },
	[RESULT_NOT_ON_DATABASE] = { "not-on-database", OK, "this database does not know the user" },
	[RESULT_WOULD_DELETE] = { "would-delete", OK, "dry run: would be deleted" },
	[RESULT_DATABASE_UNAVAILABLE] = { "database-unavailable", FAILED, "the database did not answer" },
	[RESULT_LOGIN_REJECTED] = { "login-rejected", FAILED, "the database refused the login" },
	[RESULT_DATABASE_ERROR] = { "database-error", FAILED, "the database refused a statement; the detail has its error" },
	[RESULT_NOT_IN_AD] = { "not-in-ad", FAILED, "refused: not found in Active Directory" },
	[RESULT_ENABLED_IN_AD] = { "enabled-in-ad", FAILED, "refused: msRTCSIP-UserEnabled is not FALSE in Active Directory" },
	[RESULT_NO_BACKUP] = { "no-backup", FAILED, "refused: no backup given holds this user" },
	[RESULT_NOT_DISABLED_BY_JOURNAL] = { "not-disabled-by-journal", FAILED, "refused: the disable journal did not disable this user" },
	[RESULT_TOO_RECENT] = { "too-recent", LATER, "refused for now: disabled less than --min-age ago; run again later" },

	[RESULT_PLANNED] = { "planned", OK, "the user's rows are in the BAT files of the plan" },
	[RESULT_UNASSIGNED] = { "unassigned", FAILED, "refused: the owner is on no node of the user assignment" },
	[RESULT_SELF_CONTACT] = { "self-contact", OK, "dropped: the owner on their own list (IM and Presence drops it too)" },
	[RESULT_DUPLICATE] = { "duplicate", OK, "dropped: the same contact row again (IM and Presence drops it too)" },
	[RESULT_OVER_LIMIT] = { "over-limit", FAILED, "dropped: over the contact limit, which IM and Presence drops silently" },
	[RESULT_ADDED] = { "added", OK, "new on the roster" },
	[RESULT_GROUPS_MERGED] = { "groups-merged", OK, "on the roster already; its groups and these merged" },
	[RESULT_ON_ROSTER] = { "on-roster", OK, "on the roster already with these groups and nickname" },
	[RESULT_ADDED_EARLIER] = { "added-earlier", OK, "added by an earlier run with this journal" },
	[RESULT_WOULD_ADD] = { "would-add", OK, "dry run: would be added" },
	[RESULT_WOULD_MERGE_GROUPS] = { "would-merge-groups", OK, "dry run: would get groups merged" },
	[RESULT_NO_ACCOUNT] = { "no-account", FAILED, "refused: the owner has no account on the server" },
	[RESULT_ARRIVED] = { "arrived", OK, "--reconcile: every row expected for the owner is on the presence server, or was left out by the import on purpose" },
	[RESULT_INCOMPLETE] = { "incomplete", FAILED, "--reconcile: rows expected for the owner are missing on the presence server (in --missing)" },
	[RESULT_NOT_ARRIVED] = { "not-arrived", FAILED, "--reconcile: none of the rows expected for the owner is on the presence server (in --missing)" },

	[RESULT_RENAMED] = { "renamed", OK, "renamed: in rows of the input, or a roster item" },
	[RESULT_UNUSED] = { "unused", OK, "a map entry no row of the input used" },
	[RESULT_MAPPED] = { "mapped", OK, "in the map built from the directory" },
	[RESULT_UNCHANGED] = { "unchanged", OK, "left out of the map: the new ID is the old one" },
	[RESULT_CONFLICT] = { "conflict", FAILED, "left out of the map: another user would get the same new ID" },
	[RESULT_MERGED] = { "merged", OK, "the roster item merged into one under the new ID" },
	[RESULT_WOULD_RENAME] = { "would-rename", OK, "dry run: would be renamed" },
	[RESULT_WOULD_MERGE] = { "would-merge", OK, "dry run: would be merged into the new ID" },

	[RESULT_PASS] = { "pass", OK, "the check passed" },
	[RESULT_WARN] = { "warn", OK, "the check found something to look at (a failure with fedcheck --strict)" },
	[RESULT_FAIL] = { "fail", FAILED, "the check failed" },
};

void result_list(FILE *out)
{
	static const char *const effect[] = {
		[OUTCOME_OK] = "ok", [OUTCOME_FAILED] = "failure", [OUTCOME_LATER] = "later",
	};

	for (int r = 0; r < RESULT_COUNT; r++)
		fprintf(out, "%s\t%s\t%s\n", result_table[r].token, effect[result_table[r].effect],
			result_table[r].meaning);
}

bool result_from_token(const char *text, enum result *out)
{
	for (int r = 0; r < RESULT_COUNT; r++)
		if (strcmp(result_table[r].token, text) == 0)
			return *out = r, true;
	return false;
}
