/*
 * results.h - a phase's --report read back, one verdict per user.
 *
 * A tool writes several lines for one user (delete: one per database;
 * import: one per contact; export: its skipped contacts, then the user's
 * own line). The user's verdict is the first line whose token is a
 * failure or "later" (result.h's effect), else the last line: that is
 * where the user stopped and why, or how the phase went for them.
 *
 * Keys are compared as addresses: "sip:" dropped, lower case, so export's
 * and delete's "sip:alice@example.com" meet import's "alice@example.com".
 *
 * Ownership: struct phase_results owns everything (results_release).
 */
#ifndef UCMIG_BATCH_RESULTS_H
#define UCMIG_BATCH_RESULTS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/result.h"
#include "base/strbuf.h"
#include "base/strset.h"

struct user_verdict {
	enum result result;
	enum outcome_effect effect;   /* OK, FAILED or LATER */
	char *detail;
	unsigned long lines;          /* the report's lines for the user */
};

/* The batch's rename map read backwards: a new ID's key to the user's
 * old one, so the phases after rename, whose reports name users by
 * their new IDs, are joined to users.txt. */
struct renamed_back {
	struct strset new_to_old;     /* new key -> index into old */
	char **old;
	size_t n, alloc;
};

struct phase_results {
	struct strset users;          /* key -> index into verdict */
	struct user_verdict *verdict;
	size_t n, alloc;
	bool present;                 /* the report was there to read */
	const struct renamed_back *renamed; /* borrowed; NULL if none */
};

/* The comparison key of an address or URI. */
void user_key(const char *address, struct strbuf *out);

void results_init(struct phase_results *pr);
/* Read the report at path, if there is one (none: present is false).
 * Returns 0 or an exit status (65 a bad line or unknown token). */
int results_load(struct phase_results *pr, const char *path);
/* The verdict for a user's key, or NULL if the report has no line for them. */
const struct user_verdict *results_find(const struct phase_results *pr, const char *key);
void results_release(struct phase_results *pr);

/* Read a rename map (BAT's Contact ID,New Contact ID) into rb; a
 * missing file is an empty map. Returns 0 or an exit status. */
int renamed_back_load(struct renamed_back *rb, const char *map);
void renamed_back_release(struct renamed_back *rb);

#endif
