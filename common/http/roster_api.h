/*
 * roster_api.h - what ucmig knows of ejabberd 23.01's mod_http_api
 * roster calls, in one place for import and rename:
 *
 *   - An answer is good when it is HTTP 200 (and, for a call that
 *     changes something, the body "0"); otherwise one line says why,
 *     with the server's own "message" when it sent one.
 *   - get_roster answers one entry per group of an item; an item is the
 *     merge of its entries. Groups travel joined with ';' (later versions
 *     take a list: not spoken here).
 *   - add_rosteritem replaces an item's groups, nickname and subscription;
 *     delete_rosteritem removes it. Both are safe to send twice.
 *   - While mod_roster restarts (or the server stops), a change is
 *     answered 500 "internal_error" or 200 "1" (measured: restart_module
 *     under parallel add_rosteritem calls). Both are tried again
 *     (roster_api_transient): 23.01 answers "1" only when the store
 *     transaction aborted; bad arguments are refused with 400.
 *
 * Ownership: a roster_item points into the parsed roster (nick,
 * subscription) and owns its groups buffer (roster_item_release).
 */
#ifndef UCMIG_ROSTER_API_H
#define UCMIG_ROSTER_API_H

#include <stdbool.h>

#include "base/json.h"
#include "base/strbuf.h"
#include "http/http_client.h"

/* NULL for a good answer, else why not, in why. */
const char *roster_api_problem(const struct http_result *res, bool want_zero, struct strbuf *why);

/* For http_client.transient_answer: a rescode call's "1". */
bool roster_api_transient(long code, const char *body);

struct roster_item {
	bool there;
	const char *nick, *subscription;     /* "none" when the server gave none */
	struct strbuf groups;                /* distinct, ';'-joined */
};

/* The item of jid (without regard to case) in a parsed get_roster answer. */
void roster_item_gather(const struct json_value *roster, const char *jid, struct roster_item *out);
void roster_item_release(struct roster_item *it);

/* Add the ';'-joined groups not yet in joined; true if any was new. */
bool roster_groups_add(struct strbuf *joined, const char *groups);

/* The JSON body of add_rosteritem (nick != NULL) or delete_rosteritem
 * (nick == NULL) for owner_id@owner_host's item contact_id@contact_host. */
void roster_api_item_body(struct strbuf *out, const char *owner_id, const char *owner_host,
			  const char *contact_id, const char *contact_host, const char *nick,
			  const char *groups, const char *subs);
/* {"user":...,"host":...} for get_roster; user NULL: {"host":...} for
 * registered_users. */
void roster_api_user_body(struct strbuf *out, const char *user, const char *host);

#endif
