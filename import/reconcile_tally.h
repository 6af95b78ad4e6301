/*
 * reconcile_tally.h - the counts of a reconcile, owner by owner, and
 * what they become: one report line per owner and the summary. Shared
 * by the two ways of reading what the server holds: its BAT export
 * (reconcile.c) and its live rosters (xmpp.c), so that both speak alike.
 *
 * Rows are the unit (an owner, a contact, a group), as BAT counts them.
 */
#ifndef UCMIG_IMPORT_RECONCILE_TALLY_H
#define UCMIG_IMPORT_RECONCILE_TALLY_H

#include <stdbool.h>
#include <stddef.h>

#include "base/wrapup.h"
#include "settings.h"

struct owner_tally {
	unsigned long expected, present, missing, extra, left_out;
	int left_out_why;            /* left_out.h: the last reason seen */
	const char *note;            /* why nothing could be there, or NULL */
};

struct reconcile_tally {
	size_t owners, owners_missing, owners_only_on_server;
	unsigned long expected, present, missing, extra, left_out, self, duplicates;
};

/* The owner's report line (arrived, incomplete, not-arrived), counted. */
void reconcile_tally_owner(struct reconcile_tally *t, struct wrapup *w, const char *address,
			   const struct owner_tally *o);
/* The summary: in its first words, whether everything arrived. */
void reconcile_tally_summary(const struct reconcile_tally *t, const struct import_settings *s,
			     struct wrapup *w);

#endif
