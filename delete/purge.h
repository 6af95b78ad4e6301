/*
 * purge.h - deleting migrated users' data on one database of the pool.
 *
 * Per user, ONE transaction (SET XACT_ABORT ON; BEGIN TRANSACTION; the
 * profile's [list delete] in order; COMMIT): an error anywhere leaves the
 * user untouched. The Resource row is never deleted and RtcDeleteResource
 * never called, whatever a profile says (such a profile is refused): other
 * users' contact entries point at that row, which is how the migrated user
 * stays on their lists.
 *
 * Journal (journal.h), keyed by database and SIP URI:
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
#include "topology.h"
#include "domain/userlist.h"

struct purge {
	/* settings */
	bool dry_run;
	const char *profile_path;
	size_t batch;
	struct wrapup *wrapup;         /* report, progress, outcome counts */
	/* state */
	struct journal journal;
	bool journal_open;
	struct strset journal_state;   /* "DATABASE\tKEY": flags 1 begun, 2 done */
	size_t databases_up, databases_down;
	int down_status;               /* worst status of the databases not reached */
	bool *failed_user;             /* per user of the list, for --rejects */
};

int purge_open_journal(struct purge *p, const char *path);
/* Delete the users of ul not refused, on one database. A database that
 * cannot be reached or used counts its users as unavailable; returns an
 * exit status only for what stops the whole run (the journal). */
int purge_database(struct purge *p, struct instance *in, const struct userlist *ul,
		   const enum refusal *refused);
int purge_close(struct purge *p);

#endif
