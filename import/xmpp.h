/*
 * xmpp.h - the live path (--xmpp URL): each owner's contacts added to
 * their roster on an XMPP server through its HTTP admin API (ejabberd
 * 23.01's mod_http_api: registered_users, get_roster, add_rosteritem).
 *
 * Rules:
 *   - Owners are checked first (registered_users, once a domain): the
 *     server answers success for roster items of accounts that do not
 *     exist, so their rows are refused and reported instead.
 *   - One request an item: all the rows of one (owner, contact) pair are
 *     merged, since a second add replaces the item's groups. An item
 *     already on the roster keeps its groups, nickname and subscription;
 *     ours are added to them (import never removes); one that has them
 *     all already is not sent and is counted.
 *   - The input is taken owner by owner (as ucmig-export writes it; rows
 *     of one owner scattered through the file are 65 before any request).
 *     Memory: the owners in flight, bounded by --concurrency.
 *   - The journal records "begin" before an item is sent and "done" when
 *     the server confirmed it; a re-run skips what is done and looks at
 *     the roster again for the rest, so a killed run finishes without
 *     duplicates or lost groups.
 *   - --dry-run reads the rosters and reports what would change; it
 *     writes nothing to the server or the journal.
 *   - --reconcile reads the rosters and says per owner what of the input
 *     is there and what is missing: what a re-run would send.
 *   - The client, the journal, the owners' accounts and when the run
 *     stops are the live-roster engine's (http/roster_run.h), which
 *     rename --xmpp drives too: accounts the server cannot list stop the
 *     run (69) before any change; the run ends with the text of the
 *     answer that stopped it.
 */
#ifndef UCMIG_IMPORT_XMPP_H
#define UCMIG_IMPORT_XMPP_H

#include "base/wrapup.h"
#include "http/http_client.h"
#include "intake.h"
#include "settings.h"

/* fd: the input as intake_count read it. Returns 0 or an exit status. */
struct reconcile_context;
/* fd: the input as intake_count read it; context: with --reconcile, the
 * reports it reads besides (reconcile_tally.h), else NULL. Returns 0 or
 * an exit status. With --reconcile (reconcile.h) the rosters are read,
 * never changed, and compared with the input. */
int xmpp_import(const struct import_settings *set, const struct http_settings *http,
		struct intake *in, const char *path, int fd, struct wrapup *w,
		const struct reconcile_context *context);

#endif
