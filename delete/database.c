/*
 * database.c - see database.h.
 */
#include "database.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/embedded_text.h"
#include "base/exitcode.h"
#include "base/msg.h"
#include "base/xalloc.h"
#include "domain/sipuri.h"
#include "mssql/rtc_schema.h"
#include "purge.h"
#include "resource_guard.h"

extern const struct embedded_text builtin_profiles[];

/* Reconnects per connection of one database in one run before the
 * database counts as down. */
enum { DB_MAX_RECONNECTS = 10 };
/* Begin records written with one sync before the first of them is sent:
 * a begin never sent is harmless (the user is read back on resume and
 * found still homed), a sync per user is not (it is most of the cost). */
enum { JOURNAL_AHEAD = 256 };

static const char *const needed_queries[] = { "resolve", NULL };
static const char *const needed_lists[] = { "delete", "count", NULL };

struct resolved {
	long long id;
	bool found, homed;
};

void database_init(struct database *d, struct purge *p, size_t index, struct instance *in,
		   const struct userlist *ul, const bool *in_run, size_t parallel)
{
	memset(d, 0, sizeof(*d));
	d->p = p;
	d->index = index;
	d->in = in;
	d->ul = ul;
	d->in_run = in_run;
	strbuf_init(&d->transaction);
	strbuf_init(&d->counts);
	d->res = xcalloc(ul->count ? ul->count : 1, sizeof(*d->res));
	d->journaled = xcalloc(ul->count ? ul->count : 1, 1);
	d->taken = xcalloc(ul->count ? ul->count : 1, 1);
	neighbours_init(&d->nb, ul->count);
	d->nconn = parallel ? parallel : 1;
	d->conn = xcalloc(d->nconn, sizeof(*d->conn));
	for (size_t k = 0; k < d->nconn; k++) {
		d->conn[k].user = NO_USER;
		strbuf_init(&d->conn[k].detail);
	}
}

void database_release(struct database *d)
{
	for (size_t k = 0; k < d->nconn; k++) {
		db_session_close(&d->conn[k].db);   /* also after a failed open */
		strbuf_release(&d->conn[k].detail);
	}
	if (d->profile_loaded)
		sql_profile_free(&d->profile);
	strbuf_release(&d->transaction);
	strbuf_release(&d->counts);
	free(d->conn);
	free(d->res);
	free(d->journaled);
	free(d->taken);
	neighbours_release(&d->nb);
	memset(d, 0, sizeof(*d));
}

static void record(struct database *d, size_t i, enum purge_result r, const char *detail)
{
	if (outcome_effect(&delete_outcomes[outcome_of_result(r)]) != OUTCOME_OK)
		d->p->failed_user[i] = true;
	report_order_put(&d->p->order, i, d->index, outcome_of_result(r), detail);
}

/* Every user of the run without an outcome here gets r. */
static void all_users(struct database *d, enum purge_result r, const char *why)
{
	for (size_t i = 0; i < d->ul->count; i++)
		if (d->in_run[i] && !report_order_has(&d->p->order, i, d->index))
			record(d, i, r, why);
}

/* The database is lost for this run: its connections closed, its users
 * without an outcome unavailable (a transaction in flight may have
 * committed: its journal begin has no done, and a re-run reads it back). */
static void give_up(struct database *d, const char *why)
{
	for (size_t k = 0; k < d->nconn; k++) {
		db_session_close(&d->conn[k].db);
		d->conn[k].open = false;
		d->conn[k].user = NO_USER;
	}
	d->working = false;
	all_users(d, PR_UNAVAILABLE, why);
}

/* ---- opening and checking ---------------------------------------------- */

/* The guard's own columns must be there, whatever the profile lists. */
static int check_guard_columns(struct db_session *db)
{
	struct sql_profile guard;
	int status = sql_profile_parse(&guard, resource_guard_tables, "the Resource guard");

	if (!status)
		status = sql_profile_check(&guard, db);
	sql_profile_free(&guard);
	return status;
}

static int check_profile_safe(const struct sql_profile *prof)
{
	for (size_t l = 0; l < prof->nlists; l++)
		for (size_t i = 0; i < prof->list[l].nitems; i++) {
			const char *why = resource_guard_reading(prof->list[l].item[i].text);
			if (why)
				return fail(UCMIG_EX_CONFIG,
					    "%s: [list %s] %s: %s; refused: the Resource row keeps the user on other users' lists",
					    prof->source, prof->list[l].name, prof->list[l].item[i].name, why);
		}
	for (size_t q = 0; q < prof->nqueries; q++) {
		const char *why = resource_guard_reading(prof->query[q].text);
		if (why)
			return fail(UCMIG_EX_CONFIG, "%s: [query %s] %s; refused", prof->source,
				    prof->query[q].name, why);
	}
	return 0;
}

static int on_resolved(const struct db_row *row, void *data)
{
	struct database *d = data;
	struct strbuf uri = STRBUF_INIT;
	struct strset_entry *e;

	if (row->ncols < 3 || !row->is_number[0] || row->null[1])
		return fail(UCMIG_EX_CONFIG, "%s: [query resolve] must give ResourceId, UserAtHost, homed",
			    d->profile.source);
	if (!sipuri_parse(row->text[1], strlen(row->text[1]), &uri) &&
	    (e = userlist_find(d->ul, uri.buf))) {
		d->res[e->value].found = true;
		d->res[e->value].id = row->number[0];
		d->res[e->value].homed = row->number[2] > 0;
	}
	strbuf_release(&uri);
	return 0;
}

/* Read the users of the run in [from, to) back from the database. */
static int resolve(struct database *d, struct db_session *db, size_t from, size_t to)
{
	const char *query = sql_profile_query(&d->profile, "resolve");
	size_t batch = d->p->batch < DB_MAX_LIST ? d->p->batch : DB_MAX_LIST;
	struct db_params ps;
	struct strbuf sql = STRBUF_INIT;
	int status = 0;

	db_params_make(&ps, 'u', batch);
	while (from < to && !status) {
		size_t n = 0;
		for (; from < to && n < batch; from++) {
			if (!d->in_run[from])
				continue;
			d->res[from].found = false;
			ps.p[n].type = DB_PARAM_TEXT;
			ps.p[n].text = sipuri_address(d->ul->entry[from].value);
			n++;
		}
		if (!n)
			break;
		sql_profile_expand(query, n, &sql);
		status = db_query(db, sql.buf, ps.p, n, on_resolved, d, NULL);
	}
	strbuf_release(&sql);
	db_params_free(&ps);
	return status;
}

/* SET XACT_ABORT ON; BEGIN TRANSACTION; the guard's snapshot; steps;
 * the guard's check; COMMIT TRANSACTION (resource_guard.h) */
static void build_statements(struct database *d)
{
	const struct sql_list *del = sql_profile_list(&d->profile, "delete");
	const struct sql_list *cnt = sql_profile_list(&d->profile, "count");

	resource_guard_open(&d->transaction);
	for (size_t i = 0; i < del->nitems; i++)
		strbuf_addf(&d->transaction, " %s;", del->item[i].text);
	resource_guard_close(&d->transaction);
	for (size_t i = 0; i < cnt->nitems; i++)
		strbuf_addf(&d->counts, "%sSELECT %zu, (%s)", i ? " UNION ALL " : "", i,
			    cnt->item[i].text);
}

/* Does user i still need a transaction here (found, homed, not done)? */
static bool needs_transaction(const struct database *d, size_t i)
{
	return d->in_run[i] && d->res[i].found && d->res[i].homed && !(d->journaled[i] & JOURNAL_DONE);
}

/* Who of the users to delete here is on whose list: only needed when
 * transactions run side by side (neighbours.h). */
static int read_neighbours(struct database *d, struct db_session *db)
{
	long long *id;
	size_t *user, n = 0;
	int status;

	if (d->nconn < 2 || d->p->dry_run)
		return 0;
	id = xcalloc(d->ul->count ? d->ul->count : 1, sizeof(*id));
	user = xcalloc(d->ul->count ? d->ul->count : 1, sizeof(*user));
	for (size_t i = 0; i < d->ul->count; i++)
		if (needs_transaction(d, i)) {
			id[n] = d->res[i].id;
			user[n++] = i;
		}
	status = neighbours_read(&d->nb, db, id, user, n);
	free(id);
	free(user);
	if (!status)
		return 0;
	if (db_session_lost(db)) {
		give_up(d, "the connection was lost; see the message");
		return 0;       /* the other databases go on */
	}
	all_users(d, PR_DATABASE_ERROR, "reading who is on whose contact list failed; see the message");
	return fail(UCMIG_EX_CONFIG, "%s: reading who is on whose contact list (Contact, a #table) failed "
		    "with server error %d; stopping", d->in->name, db->error);
}

/* Why a database could not be used, from the status its opening ended
 * with: the server answered (a login refused, an error) or it did not. */
static void not_used(struct database *d, int status)
{
	if (status == UCMIG_EX_NOPERM)
		all_users(d, PR_LOGIN_REJECTED, "the server refused the login; see the message");
	else if (status == UCMIG_EX_CONFIG)
		all_users(d, PR_DATABASE_ERROR,
			  "the server answered with an error (no such database, or not a user store); see the message");
	else
		all_users(d, PR_UNAVAILABLE, "no answer from the server; see the message");
	d->p->databases_down++;
	d->p->down_status = ucmig_exit_worst(d->p->down_status, status);
}

int database_open(struct database *d)
{
	struct purge *p = d->p;
	struct db_session *db = &d->conn[0].db;
	int version, status;

	for (size_t i = 0; i < d->ul->count; i++)
		if (d->in_run[i])
			d->journaled[i] = (unsigned char)purge_journal_flags(p, d->in->name, d->ul->entry[i].value);
	status = db_session_open(db, &d->in->set);
	d->conn[0].open = !status;
	if (status || (status = rtc_detect_version(db, &version))) {
		not_used(d, status);
		return 0;       /* the other databases go on */
	}
	p->databases_up++;
	note("%s: schema of %s", d->in->name, rtc_version_name(version));
	if ((status = p->profile_path ? sql_profile_load(&d->profile, p->profile_path)
				      : sql_profile_builtin(&d->profile, builtin_profiles, version)))
		return status;  /* a profile problem stops the run: same profile everywhere */
	d->profile_loaded = true;
	if ((status = sql_profile_require(&d->profile, needed_queries, needed_lists)) ||
	    (status = check_profile_safe(&d->profile)) ||
	    (status = sql_profile_check(&d->profile, db)) ||
	    (status = check_guard_columns(db)))
		return status;
	build_statements(d);
	if ((status = resolve(d, db, 0, d->ul->count))) {
		if (db_session_lost(db)) {
			give_up(d, "the connection was lost; see the message");
			return 0;       /* the other databases go on */
		}
		/* The server ran the profile's query and refused it: the same
		 * profile would fail on every database. */
		all_users(d, PR_DATABASE_ERROR, "the profile's resolve query failed; see the message");
		return fail(UCMIG_EX_CONFIG, "%s: %s: [query resolve] failed with server error %d; stopping",
			    d->in->name, d->profile.source, db->error);
	}
	if ((status = read_neighbours(d, db)))
		return status;
	d->working = true;
	return 0;
}

void database_widen(struct database *d)
{
	for (size_t k = 1; k < d->nconn && d->working; k++) {
		if (db_session_open(&d->conn[k].db, &d->in->set)) {
			db_session_close(&d->conn[k].db);
			/* The server takes fewer connections than asked for (a
			 * login limit, a connection cap): go on with those it took. */
			warn("%s: working with %zu connection%s instead of %zu", d->in->name, k,
			     k == 1 ? "" : "s", d->nconn);
			d->nconn = k;
			break;
		}
		d->conn[k].open = true;
	}
}

/* ---- one user ------------------------------------------------------------ */

static int note_in_journal(struct database *d, size_t i, bool done)
{
	int status = purge_journal_write(d->p, d->in->name, d->ul->entry[i].value, done, d->res[i].id);

	if (!status)
		d->journaled[i] |= done ? JOURNAL_DONE : JOURNAL_BEGUN;
	return status;
}

/* The begin of user i, and of the next users that will need one, with
 * one sync. */
static int journal_begin_ahead(struct database *d, size_t i)
{
	size_t written = 0;
	int status = 0;

	for (size_t k = i; k < d->ul->count && written < JOURNAL_AHEAD && !status; k++)
		if (needs_transaction(d, k) && !(d->journaled[k] & JOURNAL_BEGUN)) {
			status = note_in_journal(d, k, false);
			written++;
		}
	return status ? status : journal_sync(&d->p->journal);
}

/* What user i needs here, decided without a round trip: true when that
 * was all (recorded), false when a statement must go. */
static bool settled_without_server(struct database *d, size_t i, int *status)
{
	*status = 0;
	if (!d->res[i].found) {
		record(d, i, PR_ABSENT, "no Resource row for this address");
	} else if (d->journaled[i] & JOURNAL_DONE) {
		record(d, i, PR_DELETED_EARLIER, NULL);
	} else if (!d->res[i].homed) {
		if ((d->journaled[i] & JOURNAL_BEGUN) && !d->p->dry_run) {
			/* Interrupted after the commit: finish the record. */
			record(d, i, PR_DELETED, "committed before the interruption");
			*status = note_in_journal(d, i, true);
		} else {
			record(d, i, PR_NOTHING, NULL);
		}
	} else {
		return false;
	}
	return true;
}

static int send_user(struct database *d, struct connection *c, size_t i)
{
	int status;

	if (!d->p->dry_run && !(d->journaled[i] & JOURNAL_BEGUN) && (status = journal_begin_ahead(d, i)))
		return status;
	c->id = (struct db_param){ "@id", DB_PARAM_INT, d->res[i].id, NULL };
	c->user = i;
	neighbours_take(&d->nb, i);
	clock_gettime(CLOCK_MONOTONIC, &c->sent);
	strbuf_reset(&c->detail);
	if (db_query_send(&c->db, d->p->dry_run ? d->counts.buf : d->transaction.buf, &c->id, 1))
		return database_answer(d, c);   /* reads the failure as an answer */
	return 0;
}

/* The user to take next: in list order, the first not taken yet with no
 * neighbour in flight; NO_USER when none may go now. */
static size_t next_user(struct database *d)
{
	while (d->next < d->ul->count && d->taken[d->next])
		d->next++;
	for (size_t i = d->next; i < d->ul->count; i++)
		if (!d->taken[i] && neighbours_clear(&d->nb, i))
			return i;
	return NO_USER;
}

int database_feed(struct database *d, struct connection *c)
{
	int status = 0;
	size_t i;

	while (d->working && c->open && c->user == NO_USER && !status && (i = next_user(d)) != NO_USER) {
		d->taken[i] = 1;
		if (!d->in_run[i] || settled_without_server(d, i, &status))
			continue;
		status = send_user(d, c, i);
	}
	return status;
}

struct count_ctx {
	const struct sql_list *list;
	struct strbuf *detail;
};

static int on_count(const struct db_row *row, void *data)
{
	struct count_ctx *c = data;
	long long i = row->number[0], n = row->null[1] ? 0 : atoll(row->text[1]);

	if (i >= 0 && (size_t)i < c->list->nitems && n > 0)
		strbuf_addf(c->detail, "%s%s=%lld", c->detail->len ? " " : "", c->list->item[i].name, n);
	return 0;
}

static int first_number(const struct db_row *row, void *data)
{
	*(long long *)data = row->number[0];
	return 0;
}

/* XACT_ABORT has rolled the transaction back on SQL Server; make sure,
 * so that nothing half-done is ever committed by a later statement. */
static void rollback_leftover(struct db_session *db)
{
	long long open = 0;

	msg_set_muted(true);
	db_query(db, "SELECT @@TRANCOUNT", NULL, 0, first_number, &open, NULL);
	if (open > 0)
		db_query(db, "ROLLBACK TRANSACTION", NULL, 0, NULL, NULL, NULL);
	msg_set_muted(false);
}

/* The connection went during user i's transaction: not the user's
 * failure. Open it again, read the user back (a commit whose answer was
 * lost shows as no longer homed) and take the user again. */
static int connection_lost(struct database *d, struct connection *c, size_t i)
{
	c->user = NO_USER;
	if (d->reconnects++ >= DB_MAX_RECONNECTS * d->nconn ||
	    db_session_reconnect(&c->db, &d->in->set) || resolve(d, &c->db, i, i + 1)) {
		give_up(d, "the connection was lost mid-run; see the message");
		return 0;
	}
	int status;
	if (settled_without_server(d, i, &status))
		return status;
	return send_user(d, c, i);
}

static int transaction_failed(struct database *d, struct connection *c, size_t i)
{
	const char *uri = d->ul->entry[i].value;

	rollback_leftover(&c->db);
	if (resource_guard_tripped(c->db.error, c->db.error_text)) {
		record(d, i, PR_FAILED, "the profile's statements removed or changed the Resource row or "
		       "other users' contacts pointing at it; rolled back");
		return fail(UCMIG_EX_CONFIG, "%s: %s: the profile would delete what keeps %s on other "
			    "users' lists; every change for this user was rolled back and the run stops",
			    d->in->name, d->profile.source, uri);
	}
	record(d, i, PR_FAILED, "the transaction failed and was rolled back; see the message");
	return 0;
}

int database_answer(struct database *d, struct connection *c)
{
	size_t i = c->user;
	struct count_ctx count = { sql_profile_list(&d->profile, "count"), &c->detail };
	int failed;

	if (i == NO_USER)
		return 0;
	neighbours_let_go(&d->nb, i);
	failed = c->db.request.pending
		 ? db_query_finish(&c->db, d->p->dry_run ? on_count : NULL, &count, NULL)
		 : UCMIG_EX_UNAVAILABLE;     /* the send failed; reported */
	c->user = NO_USER;
	if (failed && db_session_lost(&c->db))
		return connection_lost(d, c, i);
	if (d->p->dry_run) {
		if (failed)
			record(d, i, PR_FAILED, "counting the rows failed");
		else
			record(d, i, PR_WOULD_DELETE, c->detail.buf);
		return 0;
	}
	if (failed)
		return transaction_failed(d, c, i);
	record(d, i, PR_DELETED, NULL);
	return note_in_journal(d, i, true);
}

bool database_overdue(const struct database *d, const struct connection *c, const struct timespec *now)
{
	return now->tv_sec - c->sent.tv_sec > d->in->set.timeout;
}
