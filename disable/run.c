/*
 * run.c - see run.h.
 */
#include "run.h"

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
	if (r->ad)
		aduser_free(r->ad, r->users.count);
	free(r->jobs);
	free(r->job_user);
	if (r->journal_open)
		journal_close(&r->journal);
	ldap_session_close(&r->ldap);
	userlist_free(&r->users);
}

/* ---- the journal's view of each user ---------------------------------- */

static struct journal_user *journal_user(struct disable_run *r, const char *uri, bool create)
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
	struct journal_user *u = journal_user(r, rec->uri, rec->event == DISABLE_BEGIN);

	if (!u)
		return fail(UCMIG_EX_DATAERR, "%s:%lu: %s of a user this journal never began",
			    r->journal_path, line, rec->event == DISABLE_DONE ? "done" : "undone");
	switch (rec->event) {
	case DISABLE_BEGIN:
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

static int journal_record(struct disable_run *r, enum disable_event event, struct journal_user *u)
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

static void decide(struct disable_run *r, size_t i, enum outcome o, const char *detail)
{
	r->outcome[i] = o;
	if (detail)
		set_str(&r->detail[i], detail);
}

static const char *enabled_text(enum ad_enabled e)
{
	return e == AD_ENABLED_TRUE ? "TRUE" : e == AD_ENABLED_FALSE ? "FALSE" : "";
}

static void queue_job(struct disable_run *r, size_t i, const char *value)
{
	r->jobs[r->njobs] = (struct modify_job){ .dn = r->ad[i].dn, .value = value };
	r->job_user[r->njobs++] = i;
	r->outcome[i] = OUT_PENDING;
}

/* Found once with the attribute present, or decided as a failure. */
static bool found_usable(struct disable_run *r, size_t i)
{
	const struct aduser *a = &r->ad[i];

	if (a->matches == 0)
		decide(r, i, OUT_NOT_FOUND, "no entry with this msRTCSIP-PrimaryUserAddress");
	else if (a->matches > 1)
		decide(r, i, OUT_AMBIGUOUS, "several entries carry this address; none was changed");
	else if (a->enabled == AD_ENABLED_ABSENT)
		decide(r, i, OUT_NO_ATTRIBUTE, a->dn);
	else
		return true;
	return false;
}

static int plan_disable(struct disable_run *r, size_t i)
{
	const char *uri = r->users.entry[i].value;
	struct journal_user *j = journal_user(r, uri, false);
	const struct aduser *a = &r->ad[i];

	if (j && j->undone)
		j = NULL;    /* undone: as if never journaled */
	if (!found_usable(r, i))
		return 0;
	if (j && j->done) {
		if (a->enabled == AD_ENABLED_FALSE)
			decide(r, i, OUT_JOURNAL_DONE, a->dn);
		else
			decide(r, i, OUT_REENABLED,
			       "this journal disabled it and it is TRUE again: not touched");
		return 0;
	}
	if (a->enabled == AD_ENABLED_FALSE) {
		if (j && j->begun) {
			/* Killed after sending: the change landed. */
			decide(r, i, OUT_DISABLED, a->dn);
			j->done = true;
			return r->dry_run ? 0 : journal_record(r, DISABLE_DONE, j);
		}
		decide(r, i, OUT_ALREADY_DISABLED, a->dn);
		return 0;
	}
	if (r->dry_run)
		decide(r, i, OUT_WOULD_DISABLE, a->dn);
	else
		queue_job(r, i, "FALSE");
	return 0;
}

static int plan_undo(struct disable_run *r, size_t i)
{
	struct journal_user *j = journal_user(r, r->users.entry[i].value, false);
	const struct aduser *a = &r->ad[i];

	if (!found_usable(r, i))
		return 0;
	if (strcmp(enabled_text(a->enabled), j->previous) == 0) {
		decide(r, i, OUT_RESTORED, a->dn);   /* already back (or undone before a kill) */
		j->undone = true;
		return r->dry_run ? 0 : journal_record(r, DISABLE_UNDONE, j);
	}
	if (r->dry_run)
		decide(r, i, OUT_WOULD_RESTORE, a->dn);
	else
		queue_job(r, i, j->previous);
	return 0;
}

static void plan_verify(struct disable_run *r, size_t i)
{
	if (!found_usable(r, i))
		return;
	if (r->ad[i].enabled == AD_ENABLED_FALSE)
		decide(r, i, OUT_VERIFIED, r->ad[i].dn);
	else
		decide(r, i, OUT_STILL_ENABLED, r->ad[i].dn);
}

/* ---- the change itself ------------------------------------------------- */

static int before_send(size_t k, void *data)
{
	struct disable_run *r = data;
	size_t i = r->job_user[k];
	struct journal_user *j = journal_user(r, r->users.entry[i].value, true);

	if (r->mode == MODE_UNDO)
		return 0;     /* the begin record is the disable's; undo needs no other */
	if (j->begun && !j->done && !j->undone)
		return 0;     /* resumed: its begin is already there */
	set_str(&j->dn, r->ad[i].dn);
	set_str(&j->previous, enabled_text(r->ad[i].enabled));
	j->begun = true;
	j->done = j->undone = false;
	return journal_record(r, DISABLE_BEGIN, j);
}

static bool finished(size_t k, int rc, const char *diag, void *data)
{
	struct disable_run *r = data;
	size_t i = r->job_user[k];
	struct journal_user *j = journal_user(r, r->users.entry[i].value, false);

	if (rc == LDAP_SUCCESS) {
		bool undo = r->mode == MODE_UNDO;
		decide(r, i, undo ? OUT_RESTORED : OUT_DISABLED, r->ad[i].dn);
		if (undo)
			j->undone = true;
		else
			j->done = true;
		/* A failed write here is caught by journal_close's sync, and a
		 * re-run reads the directory for users whose record is missing. */
		journal_record(r, undo ? DISABLE_UNDONE : DISABLE_DONE, j);
		return false;
	}
	struct strbuf d = STRBUF_INIT;
	strbuf_addf(&d, "%s (%d)%s%s", ldap_err2string(rc), rc, diag && *diag ? ": " : "",
		    diag ? diag : "");
	decide(r, i, OUT_FAILED, d.buf);
	strbuf_release(&d);
	return !r->keep_going;
}

/* ---- the run ----------------------------------------------------------- */

static int undo_users_from_journal(struct disable_run *r)
{
	int status;

	/* A rollback from a misspelt journal must not "succeed" on an empty one. */
	if (access(r->journal_path, F_OK) != 0)
		return fail(UCMIG_EX_NOINPUT, "%s: cannot open journal:", r->journal_path);
	if ((status = disable_journal_open(&r->journal, r->journal_path, replay_record, r)))
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

static size_t count_failures(const struct disable_run *r)
{
	size_t n = 0;

	for (size_t i = 0; i < r->users.count; i++)
		n += outcome_is_failure(r->outcome[i]) && r->outcome[i] != OUT_PENDING;
	return n;
}

int disable_run_execute(struct disable_run *r, const char *userlist)
{
	int status;
	size_t failures;

	/* 1. All input read and checked before the directory is touched. */
	if (r->mode == MODE_UNDO) {
		if ((status = undo_users_from_journal(r)))
			return status;
	} else if ((status = userlist_load(&r->users, userlist, NULL))) {
		return status;
	}
	if (r->mode == MODE_DISABLE && !r->dry_run) {
		if ((status = disable_journal_open(&r->journal, r->journal_path, replay_record, r)))
			return status;
		r->journal_open = true;
	} else if (r->mode == MODE_DISABLE && access(r->journal_path, F_OK) == 0) {
		/* A dry run reads an existing journal so its counts match a real run's. */
		if ((status = disable_journal_replay(r->journal_path, replay_record, r)))
			return status;
	}

	/* 2. Connect; expand DN: lines; look everyone up. */
	if ((status = ldap_session_open(&r->ldap, r->ldap_settings)) ||
	    (status = aduser_expand_dns(&r->ldap, &r->users, r->mode != MODE_VERIFY && !r->dry_run,
					r->everyone)))
		goto out;
	size_t n = r->users.count;
	r->ad = xcalloc(n, sizeof(*r->ad));
	r->outcome = xcalloc(n, sizeof(*r->outcome));
	r->detail = xcalloc(n, sizeof(*r->detail));
	r->jobs = xcalloc(n, sizeof(*r->jobs));
	r->job_user = xcalloc(n, sizeof(*r->job_user));
	if ((status = aduser_lookup(&r->ldap, &r->users, r->ad, &r->wrapup->progress)))
		goto out;

	/* 3. Decide every user before changing any. */
	for (size_t i = 0; i < n && !status; i++) {
		if (r->mode == MODE_VERIFY)
			plan_verify(r, i);
		else if (r->mode == MODE_UNDO)
			status = plan_undo(r, i);
		else
			status = plan_disable(r, i);
	}
	if (status)
		goto out;
	failures = count_failures(r);
	if (failures && !r->keep_going && r->njobs) {
		for (size_t k = 0; k < r->njobs; k++)
			r->outcome[r->job_user[k]] = OUT_NOT_ATTEMPTED;
		warn("%zu user%s cannot be %s; nothing was changed (-c changes the others)",
		     failures, failures == 1 ? "" : "s", r->mode == MODE_UNDO ? "restored" : "disabled");
		r->njobs = 0;
	}

	/* 4. Change. */
	if (r->njobs) {
		struct modify_window_ops ops = { before_send, finished, r };
		status = modify_window_run(&r->ldap, AD_ATTR_ENABLED, r->window, r->jobs, r->njobs,
					   &r->journal, &ops, &r->wrapup->progress);
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

static const char *action_name(enum disable_mode m)
{
	return m == MODE_VERIFY ? "verify" : m == MODE_UNDO ? "undo" : "disable";
}

void disable_run_record_outcomes(struct disable_run *r)
{
	userlist_report_duplicates(&r->users, &r->wrapup->report, action_name(r->mode));
	for (size_t i = 0; r->outcome && i < r->users.count; i++) {
		enum outcome o = r->outcome[i];
		wrapup_record(r->wrapup, o, r->users.entry[i].value, action_name(r->mode), r->detail[i]);
		if (outcome_is_failure(o))
			wrapup_reject(r->wrapup, r->users.entry[i].value);
	}
}
