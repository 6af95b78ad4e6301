/*
 * xmpp.c - see xmpp.h.
 */
#include "xmpp.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/exitcode.h"
#include "base/fpset.h"
#include "base/grow.h"
#include "base/infile.h"
#include "base/interrupt.h"
#include "base/json.h"
#include "base/msg.h"
#include "base/strset.h"
#include "base/xalloc.h"
#include "http/roster_api.h"
#include "http/roster_run.h"
#include "outcome.h"
#include "reconcile_tally.h"

/* One roster item to import: an owner's contact with all its groups. */
struct item {
	char *jid;                   /* "id@domain" as the input has it */
	char *nick;
	char **group;
	size_t ngroups, group_alloc;
	char *state;                 /* the State column, or NULL */
	unsigned long line;
	bool settled;                /* reported without asking the roster */
};

struct owner_job {
	struct run *run;
	char *address;               /* "id@domain" */
	char *id, *domain;
	struct item *item;
	size_t nitems, item_alloc;
	size_t outstanding;          /* requests not yet answered */
	struct owner_tally tally;    /* --reconcile */
};

struct run {
	const struct import_settings *set;
	struct intake *in;
	struct wrapup *w;
	struct roster_run rr;        /* client, journal, stop (http/roster_run.h) */
	struct strset registered;    /* lower("user@domain") of every account */
	struct strset domains_asked;
	struct fpset done;           /* lower(owner \n contact) done per the journal */
	struct owner_job *current;   /* the owner whose rows are being read */
	struct strbuf scratch;
	size_t owners_read;
	/* --reconcile: what the rosters hold against the input */
	const struct reconcile_context *context;
	struct outfile missing;
	struct reconcile_tally tally;
};

/* ---- small helpers -------------------------------------------------- */

static void lower_key(struct strbuf *out, const char *owner, const char *contact)
{
	strbuf_reset(out);
	strbuf_addlower(out, owner);
	strbuf_addch(out, '\n');
	strbuf_addlower(out, contact);
}

static void free_job(struct owner_job *job)
{
	for (size_t i = 0; i < job->nitems; i++) {
		struct item *it = &job->item[i];
		for (size_t g = 0; g < it->ngroups; g++)
			free(it->group[g]);
		free(it->group);
		free(it->jid);
		free(it->nick);
		free(it->state);
	}
	free(job->item);
	free(job->address);
	free(job->id);
	free(job->domain);
	free(job);
}

static bool has_group(char *const *group, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(group[i], name) == 0)
			return true;
	return false;
}

/* The item's rows, back in BAT form, for --rejects. */
static void reject_item(struct run *r, const struct owner_job *job, const struct item *it)
{
	const char *at = strrchr(it->jid, '@');
	struct strbuf cid = STRBUF_INIT;

	if (!r->w->rejects.fp)
		return;
	strbuf_add(&cid, it->jid, (size_t)(at - it->jid));
	for (size_t g = 0; g < it->ngroups; g++) {
		struct bat_row row = { { job->id, job->domain, cid.buf, at + 1, it->nick, it->group[g],
					 it->state } };
		bat_row_write(r->w->rejects.fp, &row, r->in->with_state);
	}
	strbuf_release(&cid);
}

static void record(struct run *r, const struct owner_job *job, const struct item *it, enum outcome o,
		   const char *why)
{
	strbuf_reset(&r->scratch);
	strbuf_addstr(&r->scratch, it->jid);
	if (why)
		strbuf_addf(&r->scratch, ": %s", why);
	wrapup_record(r->w, o, job->address, "import", r->scratch.buf);
	if (outcome_effect(&import_outcomes[o]) != OUTCOME_OK)
		reject_item(r, job, it);
}

/* ---- owners' accounts ---------------------------------------------- */

struct domain_accounts {
	struct run *run;
	const char *domain;
};

static void add_account(const char *user, void *data)
{
	struct domain_accounts *da = data;
	struct strbuf key = STRBUF_INIT;
	bool added;

	strbuf_addlower(&key, user);
	strbuf_addch(&key, '@');
	strbuf_addlower(&key, da->domain);
	strset_add(&da->run->registered, key.buf, &added);
	strbuf_release(&key);
}

/* Every domain of the input's owners, asked once, before any change. */
static int load_accounts(struct run *r)
{
	bool added, served;
	int status;

	for (size_t i = 0; i < r->in->nowners; i++) {
		const char *domain = strrchr(r->in->owner[i].address, '@') + 1;
		struct domain_accounts da = { r, NULL };

		strbuf_reset(&r->scratch);
		strbuf_addlower(&r->scratch, domain);
		strset_add(&r->domains_asked, r->scratch.buf, &added);
		if (!added)
			continue;
		da.domain = strset_find(&r->domains_asked, r->scratch.buf)->key;
		if ((status = roster_run_accounts(&r->rr, da.domain, add_account, &da, &served)))
			return status;
		if (!served)
			warn("%s: not a host of %s: its owners have no account there", da.domain, r->set->url);
	}
	return 0;
}

static bool is_registered(struct run *r, const char *address)
{
	strbuf_reset(&r->scratch);
	strbuf_addlower(&r->scratch, address);
	return strset_find(&r->registered, r->scratch.buf) != NULL;
}

/* ---- adding items --------------------------------------------------- */

struct add_call {
	struct owner_job *job;
	struct item *item;
	enum outcome success;       /* OUT_ADDED or OUT_MERGED */
};

static void job_step_done(struct owner_job *job)
{
	if (--job->outstanding == 0)
		free_job(job);
}

static void on_added(const struct http_result *res, void *data)
{
	struct add_call *call = data;
	struct owner_job *job = call->job;
	struct run *r = job->run;
	struct strbuf why = STRBUF_INIT;
	const char *problem = roster_api_problem(res, true, &why);
	bool lost = roster_run_lost(&r->rr, res);

	if (problem) {
		record(r, job, call->item, !lost ? OUT_FAILED : res->sent ? OUT_UNANSWERED : OUT_NOT_ATTEMPTED,
		       problem);
	} else {
		const char *fields[] = { "done", job->address, call->item->jid };

		roster_run_journal(&r->rr, fields, 3);
		record(r, job, call->item, call->success, NULL);
	}
	strbuf_release(&why);
	free(call);
	job_step_done(job);
}

static void add_item(struct run *r, struct owner_job *job, struct item *it, const char *nick,
		     const char *groups, const char *subs, enum outcome success)
{
	const char *at = strrchr(it->jid, '@');
	const char *fields[] = { "begin", job->address, it->jid };
	struct strbuf body = STRBUF_INIT, cid = STRBUF_INIT;
	struct add_call *call;

	if (r->rr.stop) {
		record(r, job, it, OUT_NOT_ATTEMPTED, NULL);
		return;
	}
	/* Durable before it is sent: the client syncs the journal once for
	 * all requests it sends together (before_send). */
	if (roster_run_journal(&r->rr, fields, 3)) {
		record(r, job, it, OUT_NOT_ATTEMPTED, "the journal cannot be written");
		return;
	}
	strbuf_add(&cid, it->jid, (size_t)(at - it->jid));
	roster_api_item_body(&body, job->id, job->domain, cid.buf, at + 1, nick, groups, subs);
	call = xcalloc(1, sizeof(*call));
	*call = (struct add_call){ job, it, success };
	job->outstanding++;
	http_client_post(&r->rr.http, "add_rosteritem", body.buf, on_added, call);
	strbuf_release(&body);
	strbuf_release(&cid);
}

/* Ours added to what the roster holds (import never removes): the same
 * groups and a nickname where there was one is "unchanged". */
static void decide_item(struct run *r, struct owner_job *job, struct item *it,
			const struct json_value *roster)
{
	struct roster_item held;
	bool same;
	const char *nick;

	roster_item_gather(roster, it->jid, &held);
	same = held.there;
	for (size_t g = 0; g < it->ngroups; g++)
		if (roster_groups_add(&held.groups, it->group[g]))
			same = false;
	nick = held.there && held.nick && *held.nick ? held.nick : it->nick;
	if (held.there && (!held.nick || !*held.nick) && *it->nick)
		same = false;
	if (same)
		record(r, job, it, OUT_UNCHANGED, NULL);
	else if (r->set->dry_run)
		record(r, job, it, held.there ? OUT_WOULD_MERGE : OUT_WOULD_ADD, NULL);
	else
		add_item(r, job, it, nick, held.groups.buf ? held.groups.buf : "",
			 held.there ? held.subscription : it->state && *it->state ? it->state : "both",
			 held.there ? OUT_MERGED : OUT_ADDED);
	roster_item_release(&held);
}

/* ---- --reconcile ------------------------------------------------------ */

/* A row of the input the roster lacks: left out by the import on
 * purpose, or missing (to --missing, as BAT CSV). */
static void not_on_roster(struct run *r, struct owner_job *job, const struct item *it, const char *group)
{
	const char *at = strrchr(it->jid, '@');
	struct strbuf owner = STRBUF_INIT, contact = STRBUF_INIT, cid = STRBUF_INIT;
	int why;

	strbuf_addlower(&owner, job->address);
	strbuf_addlower(&contact, it->jid);
	why = left_out_row(&r->context->left_out, owner.buf, contact.buf, group);
	if (why) {
		job->tally.left_out++;
		job->tally.left_out_why = why;
	} else {
		job->tally.missing++;
		if (r->missing.fp) {
			strbuf_add(&cid, it->jid, (size_t)(at - it->jid));
			struct bat_row row = { { job->id, job->domain, cid.buf, at + 1, it->nick, group, it->state } };
			bat_row_write(r->missing.fp, &row, r->in->with_state);
		}
	}
	strbuf_release(&owner);
	strbuf_release(&contact);
	strbuf_release(&cid);
}

/* The roster's entries: one per item and group (roster_api.h). */
static unsigned long roster_rows(const struct json_value *roster)
{
	unsigned long n = 0;

	for (const struct json_value *e = roster ? roster->child : NULL; e; e = e->next)
		n++;
	return n;
}

/* The owner's rows against the roster (NULL: none, note says why). */
static void reconcile_job(struct run *r, struct owner_job *job, const struct json_value *roster,
			  const char *note)
{
	struct owner_tally *t = &job->tally;

	for (size_t i = 0; i < job->nitems; i++) {
		const struct item *it = &job->item[i];
		struct roster_item held = { .there = false };

		strbuf_init(&held.groups);
		if (roster)
			roster_item_gather(roster, it->jid, &held);
		for (size_t g = 0; g < it->ngroups; g++) {
			t->expected++;
			/* roster_groups_add is false when the group is there already. */
			if (held.there && !roster_groups_add(&held.groups, it->group[g]))
				t->present++;
			else
				not_on_roster(r, job, it, it->group[g]);
		}
		roster_item_release(&held);
	}
	t->extra = roster_rows(roster) - t->present;
	t->note = note;
	reconcile_tally_owner(&r->tally, r->w, job->address, t);
}

static void on_roster(const struct http_result *res, void *data)
{
	struct owner_job *job = data;
	struct run *r = job->run;
	struct strbuf why = STRBUF_INIT;
	struct json_value *roster = NULL;
	const char *problem = roster_api_problem(res, false, &why);
	bool lost = roster_run_lost(&r->rr, res);

	if (!problem && (json_parse(res->body, res->len, &roster, NULL) || roster->type != JSON_ARRAY)) {
		strbuf_addstr(&why, "get_roster: an answer that is not a roster");
		problem = why.buf;
	}
	if (r->set->reconcile) {
		if (problem)
			wrapup_record(r->w, lost ? OUT_NOT_ATTEMPTED : OUT_FAILED, job->address, "reconcile", problem);
		else
			reconcile_job(r, job, roster, NULL);
	}
	for (size_t i = 0; i < job->nitems && !r->set->reconcile; i++) {
		if (job->item[i].settled)
			continue;
		if (problem)
			record(r, job, &job->item[i], lost ? OUT_NOT_ATTEMPTED : OUT_FAILED, problem);
		else
			decide_item(r, job, &job->item[i], roster);
	}
	json_free(roster);
	strbuf_release(&why);
	job_step_done(job);
}

/* A group name with ';' in it, or NULL: ejabberd 23.01's add_rosteritem
 * takes its groups joined with ';' and splits them there, so "Sales;EMEA"
 * would arrive as two groups (roster_api.h). Refused, never split. */
static const char *group_with_separator(const struct item *it)
{
	for (size_t g = 0; g < it->ngroups; g++)
		if (strchr(it->group[g], ';'))
			return it->group[g];
	return NULL;
}

/* An owner's rows are all read: refuse, skip what is done, or fetch the
 * roster to decide the rest. The job frees itself when answered. */
static void submit_owner(struct run *r, struct owner_job *job)
{
	size_t keep = 0;

	if (r->set->reconcile) {
		if (!is_registered(r, job->address)) {
			reconcile_job(r, job, NULL, "no account on the server");
			free_job(job);
			return;
		}
		roster_api_user_body(&r->scratch, job->id, job->domain);
		job->outstanding = 1;
		http_client_post(&r->rr.http, "get_roster", r->scratch.buf, on_roster, job);
		return;
	}
	if (!is_registered(r, job->address)) {
		for (size_t i = 0; i < job->nitems; i++)
			record(r, job, &job->item[i], OUT_NOT_REGISTERED, "no such account on the server");
		free_job(job);
		return;
	}
	/* Items done by an earlier run, or not to be sent any more, are
	 * settled here; the roster decides the rest. */
	for (size_t i = 0; i < job->nitems; i++) {
		struct item *it = &job->item[i];
		const char *split = group_with_separator(it);

		lower_key(&r->scratch, job->address, it->jid);
		if (split) {
			struct strbuf why = STRBUF_INIT;

			strbuf_addf(&why, "group '%s' holds ';', which the server's API takes as two groups; "
				    "not sent", split);
			record(r, job, it, OUT_FAILED, why.buf);
			strbuf_release(&why);
			it->settled = true;
		} else if (fpset_has(&r->done, r->scratch.buf)) {
			record(r, job, it, OUT_JOURNAL_DONE, NULL);
			it->settled = true;
		} else if (r->rr.stop) {
			record(r, job, it, OUT_NOT_ATTEMPTED, NULL);
			it->settled = true;
		} else {
			keep++;
		}
	}
	if (!keep) {
		free_job(job);
		return;
	}
	roster_api_user_body(&r->scratch, job->id, job->domain);
	job->outstanding = 1;
	http_client_post(&r->rr.http, "get_roster", r->scratch.buf, on_roster, job);
}

/* ---- reading the input, owner by owner ------------------------------ */

struct reader {
	struct run *run;
	int status;
};

static struct owner_job *new_job(struct run *r, const struct bat_csv_row *row)
{
	struct owner_job *job = xcalloc(1, sizeof(*job));
	const char *const *f = row->row.field;

	job->run = r;
	job->id = xstrdup(f[BAT_USER_ID]);
	job->domain = xstrdup(f[BAT_USER_DOMAIN]);
	job->address = xmalloc(strlen(job->id) + strlen(job->domain) + 2);
	sprintf(job->address, "%s@%s", job->id, job->domain);
	return job;
}

/* The row's contact into the job: a new item, or another group of one. */
static void add_row(struct owner_job *job, const struct bat_csv_row *row)
{
	const char *const *f = row->row.field;
	struct strbuf jid = STRBUF_INIT;
	struct item *it = NULL;

	strbuf_addf(&jid, "%s@%s", f[BAT_CONTACT_ID], f[BAT_CONTACT_DOMAIN]);
	/* Rows of one contact are usually together: the last item first. */
	for (size_t i = job->nitems; i-- > 0;)
		if (strcasecmp(job->item[i].jid, jid.buf) == 0) {
			it = &job->item[i];
			break;
		}
	if (!it) {
		GROW(job->item, job->nitems + 1, job->item_alloc);
		it = &job->item[job->nitems++];
		memset(it, 0, sizeof(*it));
		it->jid = strbuf_detach(&jid);
		it->nick = xstrdup(f[BAT_NICKNAME]);
		/* The State column is read without case (BAT's "Both"); the
		 * server stores what it is sent, so it gets the lower case. */
		it->state = f[BAT_STATE] && *f[BAT_STATE] ? xstrdup(f[BAT_STATE]) : NULL;
		for (char *p = it->state; p && *p; p++)
			*p = (char)tolower((unsigned char)*p);
		it->line = row->line;
	} else if (!*it->nick && *f[BAT_NICKNAME]) {
		free(it->nick);
		it->nick = xstrdup(f[BAT_NICKNAME]);
	}
	if (!has_group(it->group, it->ngroups, f[BAT_GROUP])) {
		GROW(it->group, it->ngroups + 1, it->group_alloc);
		it->group[it->ngroups++] = xstrdup(f[BAT_GROUP]);
	}
	strbuf_release(&jid);
}

/* Hand the owner being read to the server, then keep what is in flight
 * bounded before reading on. */
static int flush_owner(struct run *r)
{
	struct owner_job *job = r->current;

	r->current = NULL;
	if (!job)
		return 0;
	submit_owner(r, job);
	r->owners_read++;
	if (progress_due(&r->w->progress))
		progress_show(&r->w->progress, "%zu of %zu users, %lu requests", r->owners_read,
			      r->in->nowners, r->rr.http.requests);
	return http_client_wait(&r->rr.http, (size_t)r->rr.http.set->concurrency * 2);
}

static int on_row(const struct bat_csv_row *row, void *data)
{
	struct reader *rd = data;
	struct run *r = rd->run;
	static const enum outcome dropped[ROW_NVERDICTS] = {
		[ROW_SELF] = OUT_SELF_CONTACT, [ROW_DUPLICATE] = OUT_DUPLICATE,
		[ROW_OVER_LIMIT] = OUT_OVER_LIMIT,
	};
	enum row_verdict v;
	size_t owner;
	int status;

	if (row->problem != BAT_OK && row->problem != BAT_SELF_CONTACT)
		return fail(UCMIG_EX_SOFTWARE, "%s:%lu: a bad row the first pass let through", row->file, row->line);
	v = intake_classify(r->in, row, &owner);
	if (v == ROW_OVER_LIMIT && r->set->keep_over_limit)
		v = ROW_KEEP;
	if (v != ROW_KEEP && r->set->reconcile) {
		/* Not expected: IM and Presence and the import keep neither. */
		r->tally.self += v == ROW_SELF;
		r->tally.duplicates += v == ROW_DUPLICATE;
		return 0;
	}
	if (v != ROW_KEEP) {
		intake_row_detail(&r->scratch, row);
		wrapup_record(r->w, dropped[v], r->in->owner[owner].address, "import", r->scratch.buf);
		if (v == ROW_OVER_LIMIT && r->w->rejects.fp)
			bat_row_write(r->w->rejects.fp, &row->row, r->in->with_state);
		return 0;
	}
	if (r->current && strcasecmp(r->current->address, r->in->owner[owner].address) != 0 &&
	    (status = flush_owner(r)))
		return status;
	if (!r->current)
		r->current = new_job(r, row);
	add_row(r->current, row);
	return 0;
}

static int on_journal_record(char **fields, size_t n, unsigned long line, void *data)
{
	struct run *r = data;

	if (n != 3 || (strcmp(fields[0], "begin") != 0 && strcmp(fields[0], "done") != 0))
		return fail(UCMIG_EX_DATAERR, "%s:%lu: not a record of ucmig-import's journal",
			    r->w->journal.buf, line);
	if (strcmp(fields[0], "done") == 0) {
		lower_key(&r->scratch, fields[1], fields[2]);
		fpset_add(&r->done, r->scratch.buf);
	}
	return 0;
}

static int read_and_send(struct run *r, const char *path, int fd)
{
	struct reader rd = { .run = r };
	struct textin text;
	int status, copy;

	if (lseek(fd, 0, SEEK_SET) < 0 || (copy = dup(fd)) < 0)
		return fail(UCMIG_EX_IOERR, "%s: cannot read again:", infile_display_name(path));
	intake_restart(r->in);
	textin_from_fd(&text, copy, infile_display_name(path));
	status = bat_csv_read(&text, NULL, on_row, &rd);
	textin_close(&text);
	if (!status)
		status = flush_owner(r);
	if (!status)
		status = http_client_wait(&r->rr.http, 0);
	return status;
}

int xmpp_import(const struct import_settings *set, const struct http_settings *http,
		struct intake *in, const char *path, int fd, struct wrapup *w,
		const struct reconcile_context *context)
{
	struct run r = { .set = set, .in = in, .w = w, .context = context, .tally.context = context };
	int status;

	strset_init(&r.registered);
	strset_init(&r.domains_asked);
	strbuf_init(&r.scratch);
	/* The accounts first, then the journal: nothing is written before the
	 * server has answered and every owner is known. A reconcile only
	 * reads: no journal, the rows missing to --missing. */
	if (!(status = roster_run_open(&r.rr, set->url, http, set->dry_run || set->reconcile)) &&
	    !(status = load_accounts(&r)) &&
	    !(status = set->reconcile ? outfile_open(&r.missing, set->missing)
				      : roster_run_open_journal(&r.rr, "ucmig-import", w->journal.buf,
								on_journal_record, &r)))
		status = read_and_send(&r, path, fd);
	if (r.current)
		free_job(r.current);
	status = roster_run_close(&r.rr, status);
	if (set->reconcile) {
		if (!status && r.missing.fp)
			status = outfile_commit(&r.missing);
		outfile_abort(&r.missing);
		if (!status)
			reconcile_tally_rest(&r.tally, w);
		reconcile_tally_release(&r.tally);
		if (!status)
			reconcile_tally_summary(&r.tally, set, w);
		else if (interrupt_requested())
			reconcile_tally_stopped(&r.tally, set, w);
	}
	fpset_free(&r.done);
	strset_free(&r.registered);
	strset_free(&r.domains_asked);
	strbuf_release(&r.scratch);
	return status;
}
