/*
 * purge.h - deleting migrated users' data on every database of the pool
 * at once.
 *
 * One loop (purge.c) keeps every connection of every database busy
 * (database.h: --parallel connections each) and waits on all of them
 * with poll(2): one thread, so the journal, the report and the counts
 * need no locks. Outcomes are reported in list order (report_order.h).
 *
 * Journal (base/journal.h), keyed by database and SIP URI:
 *   begin  DATABASE URI RESOURCEID   about to run the transaction
 *   done   DATABASE URI TIME         it committed
 * On resume, a user whose begin has no done is read back: no longer homed
 * means the transaction committed; otherwise it rolled back and runs again.
 */
#ifndef UCMIG_PURGE_H
#define UCMIG_PURGE_H

#include <stdbool.h>

#include "interlock.h"
#include "base/journal.h"
#include "base/strset.h"
#include "report_order.h"
#include "topology.h"
#include "domain/userlist.h"

enum { JOURNAL_BEGUN = 1, JOURNAL_DONE = 2 };

struct purge {
	/* settings */
	bool dry_run;
	const char *profile_path;
	size_t batch;
	size_t parallel;               /* connections per database */
	struct wrapup *wrapup;         /* report, progress, outcome counts */
	/* state */
	struct journal journal;
	bool journal_open;
	struct strset journal_state;   /* "DATABASE\tKEY": flags JOURNAL_* */
	struct report_order order;
	size_t databases_up, databases_down;
	int down_status;               /* worst status of the databases not reached */
	bool *failed_user;             /* per user of the list, for --rejects */
};

/* Open the journal for writing; on a dry run, only read it if it exists
 * (no file is made). Returns 0 or an exit status. */
int purge_open_journal(struct purge *p, const char *path);
/* The journal's flags for uri on the database named db. */
unsigned purge_journal_flags(struct purge *p, const char *db, const char *uri);
/* Record, in the journal's memory too, that uri's transaction on db has
 * begun (id: its ResourceId) or is done; the caller syncs begins. */
int purge_journal_write(struct purge *p, const char *db, const char *uri, bool done, long long id);
/* Delete the users of ul not refused, on every database of topo at once.
 * A database that cannot be reached or used counts its users as
 * unavailable; returns an exit status only for what stops the whole run
 * (the journal, a profile the server refuses). */
int purge_pool(struct purge *p, struct topology *topo, const struct userlist *ul,
	       const enum refusal *refused);
int purge_close(struct purge *p);

#endif
