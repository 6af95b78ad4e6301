/*
 * xmpp_rename.c - see xmpp_rename.h.
 */
#include "xmpp_rename.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/exitcode.h"
#include "base/json.h"
#include "base/msg.h"
#include "base/strset.h"
#include "base/xalloc.h"
#include "http/roster_api.h"
#include "http/roster_run.h"
#include "outcome.h"

struct run {
	const struct xmpp_rename_request *req;
	const struct rename_map *map;
	struct wrapup *w;
	struct roster_run rr;        /* client, journal, stop (http/roster_run.h) */
	struct strbuf scratch, key;
	const char *host;            /* whose accounts are being asked */
	size_t rosters;
};

/* One item being renamed in one roster: add the new, then delete the old. */
struct step {
	struct run *run;
	char *owner_id, *owner_host, *owner;     /* owner = id@host */
	char *old_jid;
	const struct rename_entry *entry;
	enum outcome success;
};

static void free_step(struct step *st)
{
	free(st->owner_id);
	free(st->owner_host);
	free(st->owner);
	free(st->old_jid);
	free(st);
}

static void record(struct run *r, const struct step *st, enum outcome o, const char *why)
{
	strbuf_reset(&r->scratch);
	strbuf_addf(&r->scratch, "%s -> %s@%s", st->old_jid, st->entry->new_id, st->entry->new_domain);
	if (why)
		strbuf_addf(&r->scratch, ": %s", why);
	wrapup_record(r->w, o, st->owner, "rename", r->scratch.buf);
}

static int journal_step(struct run *r, const char *what, const struct step *st)
{
	const char *fields[] = { what, st->owner, st->old_jid };

	return roster_run_journal(&r->rr, fields, 3);
}

/* add_rosteritem (nick given) or delete_rosteritem of st's roster. */
static void post(struct run *r, const char *method, const struct step *st, const char *user, const char *host,
		 const char *nick, const char *groups, const char *subs, http_done_fn fn)
{
	struct strbuf body = STRBUF_INIT;

	roster_api_item_body(&body, st->owner_id, st->owner_host, user, host, nick, groups, subs);
	http_client_post(&r->rr.http, method, body.buf, fn, (void *)st);
	strbuf_release(&body);
}

/* One step's answer: journaled as `done` when good (true); recorded as
 * failed or not attempted otherwise (false). */
static bool step_answered(const struct http_result *res, struct step *st, const char *done)
{
	struct run *r = st->run;
	struct strbuf why = STRBUF_INIT;
	const char *problem = roster_api_problem(res, true, &why);
	bool lost = roster_run_lost(&r->rr, res);

	if (problem)
		record(r, st, !lost ? OUT_ITEM_FAILED : res->sent ? OUT_ITEM_UNANSWERED : OUT_ITEM_NOT_ATTEMPTED,
		       problem);
	else
		journal_step(r, done, st);
	strbuf_release(&why);
	return problem == NULL;
}

static void on_deleted(const struct http_result *res, void *data)
{
	struct step *st = data;

	if (step_answered(res, st, "deleted"))
		record(st->run, st, st->success, NULL);
	free_step(st);
}

/* The new item is there: now the old one goes. */
static void delete_old(struct run *r, struct step *st)
{
	const char *at = strrchr(st->old_jid, '@');
	char *user = xstrndup(st->old_jid, (size_t)(at - st->old_jid));
	if (r->rr.stop || journal_step(r, "delete", st)) {
		record(r, st, OUT_ITEM_NOT_ATTEMPTED, "the old item is still there: run again");
		free(user);
		free_step(st);
		return;
	}
	post(r, "delete_rosteritem", st, user, at + 1, NULL, NULL, NULL, on_deleted);
	free(user);
}

static void on_added(const struct http_result *res, void *data)
{
	struct step *st = data;

	if (step_answered(res, st, "added"))
		delete_old(st->run, st);
	else
		free_step(st);
}

struct roster_call {
	struct run *run;
	char *user, *host;
};

/* Each item of one roster whose contact the map renames. */
static void on_roster(const struct http_result *res, void *data)
{
	struct roster_call *call = data;
	struct run *r = call->run;
	struct json_value *roster = NULL;
	struct strset done;
	bool added;

	struct strbuf why = STRBUF_INIT;
	const char *problem = roster_api_problem(res, false, &why);

	strset_init(&done);
	if (roster_run_lost(&r->rr, res))
		;                                     /* the run stops; it says so */
	else if (!problem && !json_parse(res->body, res->len, &roster, NULL) && roster->type == JSON_ARRAY) {
		for (const struct json_value *e = roster->child; e; e = e->next) {
			const char *jid = json_string(json_member(e, "jid"));
			const char *at = jid ? strrchr(jid, '@') : NULL;
			const struct rename_entry *entry;
			struct roster_item old, new;
			struct step *st;

			if (!at || !(entry = rename_map_find(r->map, jid, (size_t)(at - jid), at + 1,
							     strlen(at + 1), &r->key)))
				continue;
			strbuf_reset(&r->scratch);
			strbuf_addlower(&r->scratch, jid);
			strset_add(&done, r->scratch.buf, &added);
			if (!added)
				continue;                     /* another group of an item seen */
			roster_item_gather(roster, jid, &old);
			strbuf_reset(&r->scratch);
			strbuf_addf(&r->scratch, "%s@%s", entry->new_id, entry->new_domain);
			roster_item_gather(roster, r->scratch.buf, &new);
			st = xcalloc(1, sizeof(*st));
			*st = (struct step){ r, xstrdup(call->user), xstrdup(call->host), NULL, xstrdup(jid), entry,
					     new.there ? OUT_ITEM_MERGED : OUT_ITEM_RENAMED };
			st->owner = xmalloc(strlen(call->user) + strlen(call->host) + 2);
			sprintf(st->owner, "%s@%s", call->user, call->host);
			if (r->req->dry_run) {
				record(r, st, new.there ? OUT_ITEM_WOULD_MERGE : OUT_ITEM_WOULD_RENAME, NULL);
				free_step(st);
			} else if (r->rr.stop || journal_step(r, "add", st)) {
				record(r, st, OUT_ITEM_NOT_ATTEMPTED, NULL);
				free_step(st);
			} else {
				/* The new item: its own nickname and subscription if it
				 * was there, else the old one's; the groups of both. */
				const char *nick = new.there ? new.nick : old.nick;
				const char *subs = new.there ? new.subscription : old.subscription;

				roster_groups_add(&new.groups, old.groups.buf);
				post(r, "add_rosteritem", st, entry->new_id, entry->new_domain, nick ? nick : "",
				     new.groups.buf ? new.groups.buf : "", subs, on_added);
			}
			roster_item_release(&old);
			roster_item_release(&new);
		}
	} else {
		/* A roster that cannot be read is a failure of the run, not a
		 * warning: its items are left with their old IDs. */
		strbuf_reset(&r->scratch);
		strbuf_addf(&r->scratch, "%s@%s", call->user, call->host);
		wrapup_record(r->w, OUT_ROSTER_UNREAD, r->scratch.buf, "rename",
			      problem ? problem : "get_roster: an answer that is not a roster");
	}
	json_free(roster);
	strset_free(&done);
	strbuf_release(&why);
	free(call->user);
	free(call->host);
	free(call);
}

/* Each account of the host being asked: its roster fetched, every
 * renamed item stepped through in on_roster. */
static void fetch_roster(const char *user, void *data)
{
	struct run *r = data;
	struct roster_call *rc = xcalloc(1, sizeof(*rc));

	*rc = (struct roster_call){ r, xstrdup(user), xstrdup(r->host) };
	roster_api_user_body(&r->scratch, user, r->host);
	http_client_post(&r->rr.http, "get_roster", r->scratch.buf, on_roster, rc);
	r->rosters++;
}

/* The hosts whose rosters are read: --hosts, else the map's domains. */
static void hosts_of(const struct xmpp_rename_request *req, const struct rename_map *map, struct strset *hosts)
{
	struct strbuf h = STRBUF_INIT;
	bool added;

	if (req->hosts) {
		for (const char *s = req->hosts; *s;) {
			size_t n = strcspn(s, ", ");
			if (n) {
				strbuf_reset(&h);
				strbuf_add(&h, s, n);
				strset_add(hosts, h.buf, &added);
			}
			s += n;
			s += strspn(s, ", ");
		}
	} else {
		for (size_t i = 0; i < map->n; i++) {
			const char *at = strrchr(map->entry[i].old_address, '@');
			strbuf_reset(&h);
			strbuf_addlower(&h, at + 1);
			strset_add(hosts, h.buf, &added);
			strbuf_reset(&h);
			strbuf_addlower(&h, map->entry[i].new_domain);
			strset_add(hosts, h.buf, &added);
		}
	}
	strbuf_release(&h);
}

static int on_journal_record(char **fields, size_t n, unsigned long line, void *data)
{
	static const char *const known[] = { "add", "added", "delete", "deleted", NULL };
	struct run *r = data;

	for (int i = 0; known[i]; i++)
		if (n == 3 && strcmp(fields[0], known[i]) == 0)
			return 0;                 /* the record; the rosters decide */
	return fail(UCMIG_EX_DATAERR, "%s:%lu: not a record of ucmig-rename's journal", r->req->journal, line);
}

int xmpp_rename(const struct xmpp_rename_request *req, const struct http_settings *http,
		const struct rename_map *map, struct wrapup *w)
{
	struct run r = { .req = req, .map = map, .w = w };
	struct strset hosts;
	bool served;
	int status;

	strset_init(&hosts);
	strbuf_init(&r.scratch);
	strbuf_init(&r.key);
	hosts_of(req, map, &hosts);
	status = roster_run_open(&r.rr, req->url, http, req->dry_run);
	if (!status)
		status = roster_run_open_journal(&r.rr, "ucmig-rename", req->journal, on_journal_record, &r);
	for (size_t pos = 0; !status && !r.rr.stop;) {
		struct strset_entry *e = strset_next(&hosts, &pos);

		if (!e)
			break;
		r.host = e->key;
		if (!(status = roster_run_accounts(&r.rr, e->key, fetch_roster, &r, &served)))
			status = http_client_wait(&r.rr.http, 0);   /* every roster of the host, every step */
		if (!status && !served)
			warn("%s: not a host of %s: no rosters read there", e->key, req->url);
	}
	status = roster_run_close(&r.rr, status);
	wrapup_summary_addf(w, "%zu rosters read", r.rosters);
	wrapup_summary_counts(w, GROUP_ITEMS, ": ");
	wrapup_summary_counts(w, GROUP_ITEMS_FAILED, "; ");
	if (req->dry_run)
		wrapup_summary_addf(w, " (dry run: nothing changed)");
	else
		wrapup_summary_journal(w, req->journal);
	strset_free(&hosts);
	strbuf_release(&r.scratch);
	strbuf_release(&r.key);
	return status;
}
