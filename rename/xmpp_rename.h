/*
 * xmpp_rename.h - --map MAP --xmpp URL: rename contacts in the rosters
 * of a live XMPP server (ejabberd 23.01's mod_http_api), as BAT's rename
 * does on IM and Presence.
 *
 * Rules:
 *   - Every account of the server's hosts named by the map (the domains
 *     of its old and new IDs, or --hosts) has its roster read; each item
 *     whose contact is an old ID of the map is renamed.
 *   - Renaming keeps the item's nickname, groups and subscription: the
 *     new item is added first, then the old one deleted, so a kill in
 *     between leaves both, never neither. A roster that already holds
 *     the new ID gets the old item's groups merged into it (its own
 *     nickname and subscription stay) and the old item removed.
 *   - Journal: begin before each request, done when confirmed; a re-run
 *     reads the rosters again and finishes what is left, nothing twice.
 *   - -n reads the rosters and reports; nothing is changed or journaled
 *     (an existing journal is read, as by import).
 *   - The client, the journal, the accounts of each host and when the run
 *     stops are the live-roster engine's (http/roster_run.h), which
 *     import --xmpp drives too. A roster that cannot be read is a failed
 *     line of the report (exit 1), its items left as they were.
 */
#ifndef UCMIG_RENAME_XMPP_H
#define UCMIG_RENAME_XMPP_H

#include <stdbool.h>

#include "base/wrapup.h"
#include "domain/rename_map.h"
#include "http/http_client.h"

struct xmpp_rename_request {
	const char *url;
	const char *hosts;           /* comma-separated, or NULL: the map's domains */
	bool dry_run;
	const char *journal;         /* path */
};

int xmpp_rename(const struct xmpp_rename_request *req, const struct http_settings *http,
		const struct rename_map *map, struct wrapup *w);

#endif
