/*
 * map_from_ldap.c - see map_from_ldap.h.
 */
#include "map_from_ldap.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/csvout.h"
#include "base/exitcode.h"
#include "base/msg.h"
#include "base/outfile.h"
#include "base/strset.h"
#include "base/xalloc.h"
#include "domain/sipuri.h"
#include "domain/userlist.h"
#include "ldap/aduser.h"
#include "outcome.h"

struct candidate {
	char *old_id, *new_id;       /* NULL: left out, with outcome set */
	enum outcome outcome;
	const char *why;
};

/* The new ID of one user found in AD, or the reason there is none. */
static void decide(const struct map_request *req, const struct aduser *u, struct candidate *c)
{
	const char *old = u->address;

	if (!u->dn) {
		c->outcome = OUT_NOT_FOUND;
		return;
	}
	if (u->matches > 1) {
		c->outcome = OUT_AMBIGUOUS;
		return;
	}
	if (strncasecmp(old, "sip:", 4) == 0)
		old += 4;
	if (req->im == IM_MAIL && (!u->mail || !*u->mail)) {
		c->outcome = OUT_NO_ATTRIBUTE;
		c->why = "no mail";
		return;
	}
	if (req->im == IM_USERID && (!u->account || !*u->account)) {
		c->outcome = OUT_NO_ATTRIBUTE;
		c->why = "no sAMAccountName";
		return;
	}
	c->old_id = xstrdup(old);
	if (req->im == IM_MAIL) {
		c->new_id = xstrdup(u->mail);
	} else {
		c->new_id = xmalloc(strlen(u->account) + strlen(req->domain) + 2);
		sprintf(c->new_id, "%s@%s", u->account, req->domain);
	}
	c->outcome = strcasecmp(c->old_id, c->new_id) == 0 ? OUT_UNCHANGED : OUT_MAPPED;
}

/* Two users to one new ID, or a new ID that is another's old one. */
static void find_conflicts(struct candidate *c, size_t n)
{
	struct strset olds, news;
	struct strbuf key = STRBUF_INIT;
	bool added;

	strset_init(&olds);
	strset_init(&news);
	for (size_t i = 0; i < n; i++) {
		if (c[i].outcome != OUT_MAPPED)
			continue;
		strbuf_reset(&key);
		strbuf_addlower(&key, c[i].old_id);
		strset_add(&olds, key.buf, &added)->value = i;
	}
	for (size_t i = 0; i < n; i++) {
		struct strset_entry *e;

		if (c[i].outcome != OUT_MAPPED && c[i].outcome != OUT_CONFLICT)
			continue;
		strbuf_reset(&key);
		strbuf_addlower(&key, c[i].new_id);
		e = strset_add(&news, key.buf, &added);
		if (added)
			e->value = i;
		else {
			c[e->value].outcome = c[i].outcome = OUT_CONFLICT;
			c[e->value].why = c[i].why = "another user gets the same new ID";
		}
		if ((e = strset_find(&olds, key.buf)) && e->value != i) {
			c[e->value].outcome = c[i].outcome = OUT_CONFLICT;
			c[e->value].why = c[i].why = "the new ID is another user's old one (a chain)";
		}
	}
	strset_free(&olds);
	strset_free(&news);
	strbuf_release(&key);
}

static int write_map(const char *path, const struct candidate *c, size_t n)
{
	static const char *const header[] = { "Contact ID", "New Contact ID" };
	struct outfile out = { 0 };
	int status;

	if ((status = outfile_open(&out, path)))
		return status;
	csv_write_record(out.fp, header, 2);
	for (size_t i = 0; i < n; i++)
		if (c[i].outcome == OUT_MAPPED) {
			const char *row[] = { c[i].old_id, c[i].new_id };
			csv_write_record(out.fp, row, 2);
		}
	return outfile_commit(&out);
}

int map_from_ldap(const struct map_request *req, const struct ldap_settings *ldap, struct wrapup *w)
{
	struct userlist_options opt = { .domain = req->domain };
	struct userlist ul;
	struct ldap_session s = { 0 };
	struct aduser *found = NULL;
	struct candidate *c = NULL;
	struct strbuf detail = STRBUF_INIT;
	size_t mapped = 0;
	int status;

	userlist_init(&ul);
	if ((status = userlist_load(&ul, req->userlist, &opt)))
		goto out;
	for (size_t i = 0; i < ul.count; i++)
		if (ul.entry[i].kind != USERLIST_URI) {
			status = fail(UCMIG_EX_USAGE, "%s:%lu: DN: lines are not taken by --map-from-ldap yet; "
				      "list the users' SIP addresses", ul.file, ul.entry[i].line);
			goto out;
		}
	if ((status = ldap_session_open(&s, ldap)))
		goto out;
	found = xcalloc(ul.count ? ul.count : 1, sizeof(*found));
	c = xcalloc(ul.count ? ul.count : 1, sizeof(*c));
	if ((status = aduser_lookup(&s, &ul, found, &w->progress)))
		goto out;
	for (size_t i = 0; i < ul.count; i++)
		decide(req, &found[i], &c[i]);
	find_conflicts(c, ul.count);
	if ((status = write_map(req->output, c, ul.count)))
		goto out;
	userlist_report_duplicates(&ul, &w->report, "map");
	for (size_t i = 0; i < ul.count; i++) {
		strbuf_reset(&detail);
		if (c[i].new_id)
			strbuf_addf(&detail, "%s -> %s", c[i].old_id, c[i].new_id);
		if (c[i].why)
			strbuf_addf(&detail, "%s%s", c[i].new_id ? ": " : "", c[i].why);
		wrapup_record(w, c[i].outcome, ul.entry[i].value, "map", detail.len ? detail.buf : NULL);
		mapped += c[i].outcome == OUT_MAPPED;
	}
	wrapup_summary_addf(w, "%zu user%s: %zu in the map", ul.count, ul.count == 1 ? "" : "s", mapped);
	wrapup_summary_counts(w, GROUP_MAP_OTHER, "; ");
out:
	for (size_t i = 0; c && i < ul.count; i++) {
		free(c[i].old_id);
		free(c[i].new_id);
	}
	free(c);
	if (found)
		aduser_free(found, ul.count);
	if (s.ld)
		ldap_session_close(&s);
	strbuf_release(&detail);
	userlist_free(&ul);
	return status;
}
