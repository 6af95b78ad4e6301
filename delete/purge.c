/*
 * purge.c - see purge.h.
 */
#include "purge.h"
#include "resource_guard.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "mssql/db_session.h"
#include "base/interrupt.h"
#include "base/embedded_text.h"
#include "base/exitcode.h"
#include "base/msg.h"
#include "mssql/rtc_schema.h"
#include "domain/sipuri.h"
#include "mssql/sql_profile.h"
#include "base/xalloc.h"

extern const struct embedded_text builtin_profiles[];

enum { JOURNAL_BEGUN = 1, JOURNAL_DONE = 2 };
/* Reconnects to one database in one run before it counts as down. */
enum { DB_MAX_RECONNECTS = 10 };

static const char *const needed_queries[] = { "resolve", NULL };
static const char *const needed_lists[] = { "delete", "count", NULL };

static void journal_key(const char *db, const char *uri, struct strbuf *out)
{
	struct strbuf key = STRBUF_INIT;

	sipuri_key(uri, &key);
	strbuf_reset(out);
	strbuf_addf(out, "%s\t%s", db, key.buf);
	strbuf_release(&key);
}

static int replay(char **f, size_t n, unsigned long line, void *data)
{
	struct purge *p = data;
	struct strbuf key = STRBUF_INIT;
	struct strset_entry *e;
	bool added;

	if (n < 3 || (strcmp(f[0], "begin") && strcmp(f[0], "done"))) {
		strbuf_release(&key);
		return fail(UCMIG_EX_DATAERR, "%s:%lu: not a record of this journal", p->journal.path, line);
	}
	journal_key(f[1], f[2], &key);
	e = strset_add(&p->journal_state, key.buf, &added);
	e->flags |= strcmp(f[0], "done") ? JOURNAL_BEGUN : JOURNAL_DONE;
	strbuf_release(&key);
	return 0;
}

int purge_open_journal(struct purge *p, const char *path)
{
	int status;

	strset_init(&p->journal_state);
	status = journal_open(&p->journal, path, "ucmig-delete", replay, p);
	p->journal_open = !status;
	return status;
}

int purge_close(struct purge *p)
{
	int status = p->journal_open ? journal_close(&p->journal) : 0;

	p->journal_open = false;
	strset_free(&p->journal_state);
	return status;
}

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

/* ---- one database ---------------------------------------------------- */

struct resolved {
	long long id;
	bool found, homed;
};

struct database {
	struct purge *p;
	struct instance *in;
	struct db_session db;
	struct sql_profile profile;
	const struct userlist *ul;
	struct resolved *res;          /* per user of ul */
	struct strbuf transaction, counts;
	bool lost;                     /* the connection went during a user */
};

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

static int resolve_all(struct database *d, const enum refusal *refused)
{
	const struct userlist *ul = d->ul;
	const char *query = sql_profile_query(&d->profile, "resolve");
	struct db_params ps;
	struct strbuf sql = STRBUF_INIT;
	int status = 0;

	size_t batch = d->p->batch < DB_MAX_LIST ? d->p->batch : DB_MAX_LIST;

	db_params_make(&ps, 'u', batch);
	for (size_t from = 0; from < ul->count && !status;) {
		size_t n = 0;
		for (; from < ul->count && n < batch; from++) {
			const char *uri = ul->entry[from].value;
			if (refused[from] != REFUSE_NONE || ul->entry[from].kind != USERLIST_URI)
				continue;
			ps.p[n].type = DB_PARAM_TEXT;
			ps.p[n].text = sipuri_address(uri);
			n++;
		}
		if (!n)
			break;
		sql_profile_expand(query, n, &sql);
		status = db_query(&d->db, sql.buf, ps.p, n, on_resolved, d, NULL);
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

struct count_ctx {
	const struct sql_list *list;
	struct strbuf *detail;
	long long total;
};

static int on_count(const struct db_row *row, void *data)
{
	struct count_ctx *c = data;
	long long i = row->number[0], n = row->null[1] ? 0 : atoll(row->text[1]);

	if (i >= 0 && (size_t)i < c->list->nitems && n > 0) {
		strbuf_addf(c->detail, "%s%s=%lld", c->detail->len ? " " : "", c->list->item[i].name, n);
		c->total += n;
	}
	return 0;
}

static void record(struct database *d, size_t i, enum purge_result r, const char *detail)
{
	struct strbuf action = STRBUF_INIT;

	if (delete_outcomes[outcome_of_result(r)].effect != OUTCOME_OK)
		d->p->failed_user[i] = true;
	strbuf_addf(&action, "delete@%s", d->in->name);
	wrapup_record(d->p->wrapup, outcome_of_result(r), d->ul->entry[i].value, action.buf, detail);
	strbuf_release(&action);
}

static int journal_event(struct database *d, size_t i, bool done)
{
	char number[32];
	const char *f[4] = { done ? "done" : "begin", d->in->name, d->ul->entry[i].value, number };

	if (done)
		snprintf(number, sizeof(number), "%lld", (long long)time(NULL));
	else
		snprintf(number, sizeof(number), "%lld", d->res[i].id);
	return journal_write(&d->p->journal, f, 4);
}

static int first_number(const struct db_row *row, void *data)
{
	*(long long *)data = row->number[0];
	return 0;
}

/* XACT_ABORT has rolled the transaction back on SQL Server; make sure,
 * so that nothing half-done is ever committed by a later statement. */
static void rollback_leftover(struct database *d)
{
	long long open = 0;

	msg_set_muted(true);
	db_query(&d->db, "SELECT @@TRANCOUNT", NULL, 0, first_number, &open, NULL);
	if (open > 0)
		db_query(&d->db, "ROLLBACK TRANSACTION", NULL, 0, NULL, NULL, NULL);
	msg_set_muted(false);
}

static int delete_user(struct database *d, size_t i)
{
	const char *uri = d->ul->entry[i].value;
	struct db_param id = { "@id", DB_PARAM_INT, d->res[i].id, NULL };
	struct strbuf key = STRBUF_INIT, detail = STRBUF_INIT;
	struct strset_entry *e;
	bool added;
	int status = 0;

	journal_key(d->in->name, uri, &key);
	e = strset_add(&d->p->journal_state, key.buf, &added);
	if (!d->res[i].found) {
		record(d, i, PR_ABSENT, "no Resource row for this address");
	} else if (e->flags & JOURNAL_DONE) {
		record(d, i, PR_DELETED_EARLIER, NULL);
	} else if (!d->res[i].homed) {
		if ((e->flags & JOURNAL_BEGUN) && !d->p->dry_run) {
			/* Interrupted after the commit: finish the record. */
			e->flags |= JOURNAL_DONE;
			record(d, i, PR_DELETED, "committed before the interruption");
			status = journal_event(d, i, true);
		} else {
			record(d, i, PR_NOTHING, NULL);
		}
	} else if (d->p->dry_run) {
		struct count_ctx c = { sql_profile_list(&d->profile, "count"), &detail, 0 };
		if (db_query(&d->db, d->counts.buf, &id, 1, on_count, &c, NULL))
			record(d, i, PR_FAILED, "counting the rows failed");
		else
			record(d, i, PR_WOULD_DELETE, detail.buf);
	} else {
		if (!(e->flags & JOURNAL_BEGUN)) {
			e->flags |= JOURNAL_BEGUN;
			if ((status = journal_event(d, i, false)) || (status = journal_sync(&d->p->journal)))
				goto out;
		}
		if (db_query(&d->db, d->transaction.buf, &id, 1, NULL, NULL, NULL)) {
			if (db_session_lost(&d->db)) {
				/* Not this user's failure: the caller reconnects, reads
				 * the user back and tries again (the journal has begun). */
				d->lost = true;
				goto out;
			}
			rollback_leftover(d);
			if (resource_guard_tripped(d->db.error, d->db.error_text)) {
				record(d, i, PR_FAILED, "the profile's statements removed or changed the Resource row or "
					"other users' contacts pointing at it; rolled back");
				status = fail(UCMIG_EX_CONFIG, "%s: %s: the profile would delete what keeps %s on other "
					      "users' lists; every change for this user was rolled back and the run stops",
					      d->in->name, d->profile.source, uri);
			} else {
				record(d, i, PR_FAILED, "the transaction failed and was rolled back; see the message");
			}
		} else {
			e->flags |= JOURNAL_DONE;
			record(d, i, PR_DELETED, NULL);
			status = journal_event(d, i, true);
		}
	}
out:
	strbuf_release(&key);
	strbuf_release(&detail);
	return status;
}

/* Every user not refused gets r on this database. */
static void all_users(struct database *d, const enum refusal *refused, enum purge_result r,
		      const char *why)
{
	for (size_t i = 0; i < d->ul->count; i++)
		if (refused[i] == REFUSE_NONE)
			record(d, i, r, why);
}

/* Why a database could not be used, from the status its opening ended
 * with: the server answered (a login refused, an error) or it did not. */
static void database_not_used(struct database *d, const enum refusal *refused, int status)
{
	if (status == UCMIG_EX_NOPERM)
		all_users(d, refused, PR_LOGIN_REJECTED, "the server refused the login; see the message");
	else if (status == UCMIG_EX_CONFIG)
		all_users(d, refused, PR_DATABASE_ERROR,
			  "the server answered with an error (no such database, or not a user store); see the message");
	else
		all_users(d, refused, PR_UNAVAILABLE, "no answer from the server; see the message");
}

int purge_database(struct purge *p, struct instance *in, const struct userlist *ul,
		   const enum refusal *refused)
{
	struct database d = { .p = p, .in = in, .ul = ul };
	int version, status = 0;
	unsigned reconnects = 0;

	strbuf_init(&d.transaction);
	strbuf_init(&d.counts);
	d.res = xcalloc(ul->count ? ul->count : 1, sizeof(*d.res));
	if ((status = db_session_open(&d.db, &in->set)) ||
	    (status = rtc_detect_version(&d.db, &version))) {
		database_not_used(&d, refused, status);
		p->databases_down++;
		p->down_status = ucmig_exit_worst(p->down_status, status);
		status = 0;     /* the other databases go on */
		goto out;
	}
	p->databases_up++;
	note("%s: schema of %s", in->name, rtc_version_name(version));
	if ((status = p->profile_path ? sql_profile_load(&d.profile, p->profile_path)
				      : sql_profile_builtin(&d.profile, builtin_profiles, version)) ||
	    (status = sql_profile_require(&d.profile, needed_queries, needed_lists)) ||
	    (status = check_profile_safe(&d.profile)) ||
	    (status = sql_profile_check(&d.profile, &d.db)) ||
	    (status = check_guard_columns(&d.db)))
		goto out;       /* a profile problem stops the run: same profile everywhere */
	build_statements(&d);
	if ((status = resolve_all(&d, refused))) {
		if (db_session_lost(&d.db)) {
			all_users(&d, refused, PR_UNAVAILABLE, "the connection was lost; see the message");
			status = 0;     /* the other databases go on */
		} else {
			/* The server ran the profile's query and refused it: the
			 * same profile would fail on every database. */
			all_users(&d, refused, PR_DATABASE_ERROR, "the profile's resolve query failed; see the message");
			status = fail(UCMIG_EX_CONFIG, "%s: %s: [query resolve] failed with server error %d; stopping",
				      in->name, d.profile.source, d.db.error);
		}
		goto out;
	}
	for (size_t i = 0; i < ul->count && !status && !interrupt_requested(); i++) {
		if (refused[i] == REFUSE_NONE && ul->entry[i].kind == USERLIST_URI)
			status = delete_user(&d, i);
		if (!status && d.lost) {
			/* The database went away: once back, everyone from this user
			 * on is read back (a commit whose answer was lost shows as
			 * no longer homed) and the run goes on. */
			d.lost = false;
			if (reconnects++ == DB_MAX_RECONNECTS || db_session_reconnect(&d.db, &in->set) ||
			    resolve_all(&d, refused)) {
				for (size_t k = i; k < ul->count; k++)
					if (refused[k] == REFUSE_NONE && ul->entry[k].kind == USERLIST_URI)
						record(&d, k, PR_UNAVAILABLE, "the connection was lost mid-run; see the message");
				break;
			}
			i--;       /* this user again */
			continue;
		}
		if (progress_due(&p->wrapup->progress))
			progress_show(&p->wrapup->progress, "%s: %zu of %zu users", in->name, i + 1, ul->count);
	}
out:
	db_session_close(&d.db);
	sql_profile_free(&d.profile);
	strbuf_release(&d.transaction);
	strbuf_release(&d.counts);
	free(d.res);
	return status;
}
