/*
 * search_many.h - many small searches at once, so a batch's look-ups cost
 * a few round trips instead of one each.
 *
 * A look-up of 10,000 users is 100 searches of 100 users. Sent one after
 * the other, each waits for its answer: through a link of 1 ms each way
 * that alone is 0.2 s before the server has done anything. Here up to
 * `inflight` searches are outstanding at once on the session's one
 * connection, and entries are handed over as they arrive, in whatever
 * order the server answers.
 *
 * Rules:
 *  - each search carries the paged results control, like
 *    ldap_search_paged; one whose answer says more pages follow is run
 *    again on its own with ldap_search_paged (fn then sees its first
 *    page's entries twice);
 *  - a lost or silent connection (--timeout) is re-established and every
 *    search without its final answer is sent again (fn may see entries
 *    twice and must not mind, as for ldap_search_paged); busy or
 *    unavailable answers are retried with backoff, a bounded number of
 *    times; any other error ends the call with its exit status;
 *  - a signal stops sending and waiting: returns interrupt_status().
 *
 * Ownership: filters and attrs are the caller's, read during the call.
 */
#ifndef UCMIG_SEARCH_MANY_H
#define UCMIG_SEARCH_MANY_H

#include <stddef.h>

#include "ldap/ldap_session.h"

struct search_many {
	const char *base;
	int scope;
	char **filters;
	size_t n;
	char **attrs;
	size_t inflight;                 /* searches outstanding at most */
	ldap_entry_fn on_entry;
	/* Search i has its final answer (may be NULL). */
	void (*on_done)(size_t i, void *data);
	void *data;
};

/* Returns 0 or an exit status. */
int ldap_search_many(struct ldap_session *s, const struct search_many *req);

#endif
