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
#include "domain/export_chain.h"
#include "domain/left_out.h"
#include "settings.h"

/* What the run reads besides the two sides: the import's and the
 * export's reports (--import-report, --export-report), loaded before
 * anything is written. */
struct reconcile_context {
	struct left_out left_out;
	struct export_chain chain;
	bool chained;
};

void reconcile_context_init(struct reconcile_context *c);
/* Returns 0, or 65 naming a line that is not a report's, or another. */
int reconcile_context_load(struct reconcile_context *c, const struct import_settings *s);
void reconcile_context_release(struct reconcile_context *c);

struct owner_tally {
	unsigned long expected, present, missing, extra, left_out;
	int left_out_why;            /* left_out.h: the last reason seen */
	const char *note;            /* why nothing could be there, or NULL */
};

struct reconcile_tally {
	const struct reconcile_context *context;   /* borrowed; may be NULL */
	bool *chain_seen;                          /* per owner of the export's report */
	size_t owners, owners_missing, owners_only_on_server, owners_not_in_source;
	unsigned long expected, present, missing, extra, left_out, self, duplicates;
};

/* The owner's report line (arrived, incomplete, not-arrived), counted;
 * with --export-report, led by what the export found for the owner. */
void reconcile_tally_owner(struct reconcile_tally *t, struct wrapup *w, const char *address,
			   const struct owner_tally *o);
/* The owners the export's report names and the CSV has no row of (an
 * empty list, a list in Exchange, a user the export skipped), each a
 * line saying so: the chain is then whole. */
void reconcile_tally_rest(struct reconcile_tally *t, struct wrapup *w);
/* What the tally holds (the export owners seen). */
void reconcile_tally_release(struct reconcile_tally *t);
/* A run stopped by a signal: how far it got, and that --missing was not
 * written (the wrap-up adds which signal, and to run again). */
void reconcile_tally_stopped(const struct reconcile_tally *t, const struct import_settings *s,
			     struct wrapup *w);
/* The summary: in its first words, whether everything arrived. */
void reconcile_tally_summary(const struct reconcile_tally *t, const struct import_settings *s,
			     struct wrapup *w);

#endif
