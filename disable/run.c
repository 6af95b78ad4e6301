/*
 * run.c - see run.h.
 */
#include "run.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/grow.h"
#include "base/exitcode.h"
#include "base/msg.h"
#include "domain/sipuri.h"
#include "base/xalloc.h"

void disable_run_init(struct disable_run *r)
{
	memset(r, 0, sizeof(*r));
	userlist_init(&r->users);
	userlist_init(&r->wanted);
	strset_init(&r->journal_keys);
}

void disable_run_release(struct disable_run *r)
{
	for (size_t i = 0; i < r->njusers; i++) {
		free(r->jusers[i].uri);
		free(r->jusers[i].dn);
		free(r->jusers[i].previous);
	}
	free(r->jusers);
	strset_free(&r->journal_keys);
	if (r->detail)
		for (size_t i = 0; i < r->users.count; i++)
			free(r->detail[i]);
	free(r->detail);
	free(r->outcome);
	aduser_free(r->ad, r->users.count);
	aduser_free(r->holder, r->wanted.count);
	free(r->wanted_of);
	free(r->jobs);
	free(r->job_user);
	if (r->journal_open)
		journal_close(&r->journal);
	for (size_t k = 0; k < r->nldap; k++)
		ldap_session_close(&r->ldap[k]);
	free(r->ldap);
	userlist_free(&r->wanted);
	userlist_free(&r->users);
}

/* ---- the journal's view of each user ---------------------------------- */

struct journal_user *run_journal_user(struct disable_run *r, const char *uri, bool create)
{
	struct strbuf key = STRBUF_INIT;
	struct strset_entry *e;
	bool added = false;

	sipuri_key(uri, &key);
	e = create ? strset_add(&r->journal_keys, key.buf, &added) : strset_find(&r->journal_keys, key.buf);
	strbuf_release(&key);
	if (!e)
		return NULL;
	if (added) {
		GROW(r->jusers, r->njusers + 1, r->jalloc);
		e->value = r->njusers;
		r->jusers[r->njusers++] = (struct journal_user){ .uri = xstrdup(uri) };
	}
	return &r->jusers[e->value];
}

static void set_str(char **field, const char *value)
{
	free(*field);
	*field = xstrdup(value);
}

static int replay_record(const struct disable_record *rec, unsigned long line, void *data)
{
	struct disable_run *r = data;
	struct journal_user *u = run_journal_user(r, rec->uri, rec->event == DISABLE_BEGIN);

	if (!u)
		return fail(UCMIG_EX_DATAERR, "%s:%lu: %s of a user this journal never began",
			    r->journal_path, line, rec->event == DISABLE_DONE ? "done" : "undone");
	switch (rec->event) {
	case DISABLE_BEGIN:
		set_str(&u->uri, rec->uri);     /* as written: an added address is undone as it was */
		set_str(&u->dn, rec->dn);
		set_str(&u->previous, rec->previous);
		u->begun = true;
		u->done = u->undone = false;
		break;
	case DISABLE_DONE:
		u->done = true;
		u->done_at = rec->time;
		break;
	case DISABLE_UNDONE:
		u->undone = true;
		break;
	}
	return 0;
}

int run_journal_record(struct disable_run *r, enum disable_event event, struct journal_user *u)
{
	struct disable_record rec = { event, u->uri, u->dn, u->previous, 0 };

	if (event == DISABLE_DONE) {
		/* ucmig-delete waits --min-age after this for the User Replicator. */
		u->done_at = (long long)time(NULL);
		rec.time = u->done_at;
	}
	return disable_journal_write(&r->journal, &rec);
}

/* ---- outcomes ---------------------------------------------------------- */

void run_decide(struct disable_run *r, size_t i, enum outcome o, const char *detail)
{
	r->outcome[i] = o;
	if (detail)
		set_str(&r->detail[i], detail);
}

void run_decidef(struct disable_run *r, size_t i, enum outcome o, const char *fmt, ...)
{
	struct strbuf d = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&d, fmt, ap);
	va_end(ap);
	run_decide(r, i, o, d.buf);
	strbuf_release(&d);
}

void run_queue(struct disable_run *r, size_t i, const char *dn, const char *value)
{
	r->jobs[r->njobs] = (struct modify_job){ .dn = dn, .value = value };
	r->job_user[r->njobs++] = i;
	r->outcome[i] = OUT_PENDING;
}

/* ---- the change itself ------------------------------------------------- */

static int before_send(size_t k, void *data)
{
	struct disable_run *r = data;
	size_t i = r->job_user[k];
	const char *uri, *previous;
	struct journal_user *j;

	if (r->mode == MODE_UNDO)
		return 0;     /* the begin record is the change's; undo needs no other */
	r->target->begin_record(r, i, &uri, &previous);
	j = run_journal_user(r, uri, true);
	if (j->begun && !j->done && !j->undone)
		return 0;     /* resumed: its begin is already there */
	set_str(&j->uri, uri);
	set_str(&j->dn, r->jobs[k].dn);
	set_str(&j->previous, previous);
	j->begun = true;
	j->done = j->undone = false;
	return run_journal_record(r, DISABLE_BEGIN, j);
}

/* The journal user of job k: keyed by the change's own URI (for an added
 * address, the job's value), else by the user's. */
static struct journal_user *job_journal_user(struct disable_run *r, size_t k)
{
	size_t i = r->job_user[k];
	const char *uri, *previous;

	if (r->mode == MODE_UNDO)
		return run_journal_user(r, r->users.entry[i].value, false);
	r->target->begin_record(r, i, &uri, &previous);
	return run_journal_user(r, uri, false);
}

static bool finished(size_t k, const struct modify_answer *a, struct ldap_session *s, void *data)
{
	struct disable_run *r = data;
	size_t i = r->job_user[k];
	struct journal_user *j = job_journal_user(r, k);
	bool undo = r->mode == MODE_UNDO;

	bool done = a->result == MODIFY_DONE ||
		    (r->jobs[k].resent && r->target->landed_anyway &&
		     r->target->landed_anyway(r, s, &r->jobs[k], a->result));

	if (done) {
		enum outcome o = undo ? r->target->restored : r->target->changed;
		if (r->target->show_value)
			run_decidef(r, i, o, "%s on %s", r->jobs[k].value, r->jobs[k].dn);
		else
			run_decide(r, i, o, r->jobs[k].dn);
		if (undo)
			j->undone = true;
		else
			j->done = true;
		/* A failed write here is caught by journal_close's sync, and a
		 * re-run reads the directory for users whose record is missing. */
		run_journal_record(r, undo ? DISABLE_UNDONE : DISABLE_DONE, j);
		return false;
	}
	run_decide(r, i, OUT_FAILED, a->error);
	return !r->keep_going;
}

/* ---- the run ----------------------------------------------------------- */

static int undo_users_from_journal(struct disable_run *r)
{
	int status;

	/* A rollback from a misspelt journal must not "succeed" on an empty one. */
	if (access(r->journal_path, F_OK) != 0)
		return fail(UCMIG_EX_NOINPUT, "%s: cannot open journal:", r->journal_path);
	if ((status = disable_journal_open(&r->journal, r->journal_path, r->target->journal,
					   replay_record, r)))
		return status;
	r->journal_open = true;
	/* Every user the journal began, confirmed or not: a run killed after
	 * sending has changed users whose "done" never got written, and the
	 * directory read-back decides what each needs (as resume does). */
	for (size_t k = 0; k < r->njusers; k++)
		if (r->jusers[k].begun && !r->jusers[k].undone)
			userlist_add_uri(&r->users, r->jusers[k].uri, 0);
	r->users.file = r->journal_path;
	if (!r->users.count)
		note("%s: nothing to undo", r->journal_path);
	return 0;
}

/* Phase 1: every input read and checked before the directory is touched. */
static int read_input(struct disable_run *r, const char *userlist)
{
	struct userlist_options opt = { .domain = r->domain };
	int status;

	if (r->mode == MODE_UNDO)
		return undo_users_from_journal(r);
	if ((status = userlist_load(&r->users, userlist, &opt)) ||
	    (r->target->check_input && (status = r->target->check_input(r))))
		return status;
	if (r->mode == MODE_CHANGE && !r->dry_run) {
		if ((status = disable_journal_open(&r->journal, r->journal_path, r->target->journal,
						   replay_record, r)))
			return status;
		r->journal_open = true;
	} else if (r->mode == MODE_CHANGE && access(r->journal_path, F_OK) == 0) {
		/* A dry run reads an existing journal so its counts match a real run's. */
		return disable_journal_replay(r->journal_path, r->target->journal, replay_record, r);
	}
	return 0;
}

static size_t count_failures(const struct disable_run *r)
{
	size_t n = 0;

	for (size_t i = 0; i < r->users.count; i++)
		n += outcome_is_failure(r->outcome[i]) && r->outcome[i] != OUT_PENDING;
	return n;
}

/* Phase 3: every user decided before any is changed. Without -c one user
 * that cannot be changed keeps every other one as it is. */
static int decide_all(struct disable_run *r)
{
	int status = 0;
	size_t failures;

	for (size_t i = 0; i < r->users.count && !status; i++)
		status = r->target->plan(r, i);
	if (status)
		return status;
	failures = count_failures(r);
	if (failures && !r->keep_going && r->njobs) {
		for (size_t k = 0; k < r->njobs; k++)
			r->outcome[r->job_user[k]] = OUT_NOT_ATTEMPTED;
		warn("%zu user%s cannot be %s; nothing was changed (-c changes the others)",
		     failures, failures == 1 ? "" : "s", r->mode == MODE_UNDO ? "restored" : r->target->done_verb);
		r->njobs = 0;
	}
	return 0;
}

/* The connections the changes use besides the first, up to --parallel,
 * and no more than there are jobs or requests in flight (--window). One
 * the server refuses is not an error: the run goes on with those it has. */
static void open_more_connections(struct disable_run *r)
{
	size_t want = r->parallel;

	if (want > r->njobs)
		want = r->njobs;
	if (want > r->window)
		want = r->window;
	while (r->nldap < want) {
		int status;

		/* Its error would blame the certificate or the password, which
		 * the first connection has just proven good. */
		msg_set_muted(true);
		status = ldap_session_open_like(&r->ldap[r->nldap], &r->ldap[0]);
		msg_set_muted(false);
		if (status) {
			ldap_session_close(&r->ldap[r->nldap]);
			warn("%s: the server refused connection %zu: working with %zu connection%s instead of %zu",
			     r->ldap[0].uri, r->nldap + 1, r->nldap, r->nldap == 1 ? "" : "s", want);
			return;
		}
		r->nldap++;
	}
}

unsigned disable_run_reconnects(const struct disable_run *r)
{
	unsigned n = 0;

	for (size_t k = 0; k < r->nldap; k++)
		n += r->ldap[k].reconnects;
	return n;
}

int disable_run_execute(struct disable_run *r, const char *userlist)
{
	int status;

	/* 1. All input read and checked before the directory is touched. */
	if ((status = read_input(r, userlist)))
		goto out;

	/* 2. Connect; expand DN: lines; look everyone up. */
	r->ldap = xcalloc(r->parallel ? r->parallel : 1, sizeof(*r->ldap));
	r->nldap = 1;
	if ((status = ldap_session_open(&r->ldap[0], r->ldap_settings)))
		goto out;
	if ((status = r->target->look_up(r)))
		goto out;

	/* 3. Decide every user before changing any. */
	if ((status = decide_all(r)))
		goto out;

	/* 4. Change, over --parallel connections. */
	if (r->njobs) {
		struct modify_window_ops ops = { before_send, finished, r };
		open_more_connections(r);
		status = modify_window_run(r->ldap, r->nldap, r->mode == MODE_UNDO ? &r->target->undo : &r->target->change,
					   r->window, r->jobs, r->njobs, &r->journal, &ops,
					   &r->wrapup->progress);
		for (size_t k = 0; k < r->njobs; k++)
			if (r->outcome[r->job_user[k]] == OUT_PENDING)
				r->outcome[r->job_user[k]] = OUT_NOT_ATTEMPTED;
	}
out:
	if (r->journal_open) {
		status = ucmig_exit_worst(status, journal_close(&r->journal));
		r->journal_open = false;
	}
	return status;
}

void run_allocate(struct disable_run *r)
{
	size_t n = r->users.count ? r->users.count : 1;

	r->ad = xcalloc(n, sizeof(*r->ad));
	r->outcome = xcalloc(n, sizeof(*r->outcome));
	r->detail = xcalloc(n, sizeof(*r->detail));
	r->jobs = xcalloc(n, sizeof(*r->jobs));
	r->job_user = xcalloc(n, sizeof(*r->job_user));
	r->wanted_of = xcalloc(n, sizeof(*r->wanted_of));
	for (size_t i = 0; i < n; i++)
		r->wanted_of[i] = SIZE_MAX;
}

void disable_run_record_outcomes(struct disable_run *r)
{
	const char *action = r->target->action[r->mode];

	userlist_report_duplicates(&r->users, &r->wrapup->report, action);
	for (size_t i = 0; r->outcome && i < r->users.count; i++) {
		enum outcome o = r->outcome[i];
		wrapup_record(r->wrapup, o, r->users.entry[i].value, action, r->detail[i]);
		if (outcome_is_failure(o))
			wrapup_reject(r->wrapup, r->users.entry[i].value);
	}
}
