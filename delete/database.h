/*
 * database.h - one database of the pool during a delete run: its
 * connections, its profile, the users as resolved there, and what
 * happens to each of them there.
 *
 * Per user, ONE transaction (SET XACT_ABORT ON; BEGIN TRANSACTION; the
 * profile's [list delete] in order; COMMIT, inside the Resource guard,
 * resource_guard.h): an error anywhere leaves the user untouched. The
 * Resource row is never deleted and RtcDeleteResource never called,
 * whatever a profile says (such a profile is refused).
 *
 * A database is worked through --parallel connections at once, each
 * carrying one user's transaction at a time; purge.c's loop waits on all
 * of them. Users are taken in list order, but never while one on their
 * list, or with them on theirs, is in flight here (neighbours.h); which
 * connection carries whom does not matter, and the report is put back
 * in order by report_order.h.
 *
 * Journal (purge.h) per user: begin before the transaction is sent,
 * written ahead for up to JOURNAL_AHEAD users with one sync; done once
 * it committed. A begin without a done is read back on resume: no
 * longer homed means it committed. A connection lost mid-transaction is
 * opened again and its user read back the same way, then sent again.
 *
 * The database owns its connections, profile and statements; the purge,
 * the instance and the user list are borrowed.
 */
#ifndef UCMIG_DATABASE_H
#define UCMIG_DATABASE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "mssql/db_session.h"
#include "mssql/sql_profile.h"
#include "neighbours.h"
#include "topology.h"
#include "domain/userlist.h"

struct purge;

#define NO_USER ((size_t)-1)

struct connection {
	struct db_session db;
	size_t user;               /* whose transaction is in flight, or NO_USER */
	struct db_param id;        /* its @id, borrowed by db until answered */
	struct timespec sent;      /* when it went, for --db-timeout */
	struct strbuf detail;      /* dry run: the counts */
	bool open;
};

struct database {
	struct purge *p;
	size_t index;              /* in the topology: the report's order */
	struct instance *in;
	const struct userlist *ul;
	const bool *in_run;        /* per user: not refused, an address */
	struct sql_profile profile;
	bool profile_loaded;
	struct resolved *res;      /* per user */
	unsigned char *journaled;  /* per user: JOURNAL_BEGUN, JOURNAL_DONE */
	struct strbuf transaction, counts;
	struct connection *conn;
	size_t nconn;
	size_t next;               /* the first user not taken yet */
	unsigned char *taken;      /* per user: sent, or settled without a round trip */
	struct neighbours nb;
	unsigned reconnects;
	bool working;              /* reached and prepared: takes users */
};

void database_init(struct database *d, struct purge *p, size_t index, struct instance *in,
		   const struct userlist *ul, const bool *in_run, size_t parallel);
/* Log in, check schema and profile, resolve every user. A database that
 * cannot be reached or used reports its users (and is not working);
 * returns an exit status only for what stops the whole run (a profile
 * the server refuses, the journal). */
int database_open(struct database *d);
/* Up to --parallel connections; fewer if the server refuses more. */
void database_widen(struct database *d);
/* Give an idle connection its next user, recording on the way every
 * user that needs no round trip. Returns 0 or a status that stops the
 * run. */
int database_feed(struct database *d, struct connection *c);
/* Read the answer c is waiting for and record it. Same status. */
int database_answer(struct database *d, struct connection *c);
/* Is the answer overdue (past --db-timeout)? */
bool database_overdue(const struct database *d, const struct connection *c,
		      const struct timespec *now);
void database_release(struct database *d);

#endif
