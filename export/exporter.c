/*
 * exporter.c - see exporter.h.
 */
#include "exporter.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "domain/batrow.h"
#include "base/exitcode.h"
#include "base/grow.h"
#include "base/msg.h"
#include "domain/sipuri.h"
#include "base/xalloc.h"
#include "outcome.h"

/* How many empty-list users the warning names before "and N more". */
enum { EMPTY_NAMES_SHOWN = 10 };
enum { USER_FOUND = 1 };

static const char *const skip_tokens[SKIP_NREASONS] = {
	[SKIP_SELF_CONTACT] = "self-contact",
	[SKIP_DL_GROUP] = "distribution-list group",
	[SKIP_DL_MEMBERSHIP] = "distribution-list membership",
	[SKIP_DUPLICATE_CONTACT] = "duplicate contact",
	[SKIP_BAD_CONTACT] = "contact without an IM address",
	[SKIP_INVALID_ROW] = "invalid row",
	[SKIP_NON_USER_ITEM] = "non-user item",
};

const char *skip_reason_token(enum skip_reason r)
{
	return skip_tokens[r];
}

void exporter_init(struct exporter *ex)
{
	memset(ex, 0, sizeof(*ex));
	strset_init(&ex->list_contacts);
	strbuf_init(&ex->empty_names);
}

void exporter_release(struct exporter *ex)
{
	fpset_free(&ex->seen);
	free(ex->contact_groups);
	strset_free(&ex->list_contacts);
	strbuf_release(&ex->empty_names);
}

static void skip(struct exporter *ex, enum skip_reason why, const char *owner_uri,
		 const char *contact, const char *detail)
{
	struct strbuf d = STRBUF_INIT;

	ex->stats.skipped[why]++;
	strbuf_addf(&d, "%s: %s", contact, detail ? detail : skip_tokens[why]);
	wrapup_record(ex->wrapup, why == SKIP_INVALID_ROW || why == SKIP_BAD_CONTACT ? OUT_REJECTED : OUT_SKIPPED,
		      owner_uri, "export-contact", d.buf);
	if (why == SKIP_INVALID_ROW || why == SKIP_BAD_CONTACT)
		ex->status = UCMIG_EX_PARTIAL;
	strbuf_release(&d);
}

/* Which group name a group number becomes, or NULL for a distribution list. */
static const char *group_name_for(const struct exporter *ex, const struct contact_list *cl,
				  long number)
{
	const struct cl_group *g = contact_list_find_group(cl, number);
	const char *name;

	if (g && g->is_dl)
		return NULL;
	if (!g || number == 1)
		return ex->default_group;
	name = cl_str(cl, g->name);
	/* "~" is Microsoft's default group, whatever its number. */
	if (!*name || strcmp(name, "~") == 0)
		return ex->default_group;
	return name;
}

struct owner {
	const char *uri;            /* sip:user@domain */
	struct strbuf id, domain;
};

/* Contacts and rows refused so far: a user who gains any is not exported. */
static unsigned long rejected_rows(const struct exporter *ex)
{
	return ex->stats.skipped[SKIP_INVALID_ROW] + ex->stats.skipped[SKIP_BAD_CONTACT];
}

/* Has this contact got a row in group name already? Remembers it if not.
 * A contact is in a handful of groups, so a scan beats a hash. */
static bool group_written(struct exporter *ex, const char *name)
{
	for (size_t k = 0; k < ex->ncontact_groups; k++)
		if (strcmp(ex->contact_groups[k], name) == 0)
			return true;
	GROW(ex->contact_groups, ex->ncontact_groups + 1, ex->contact_groups_alloc);
	ex->contact_groups[ex->ncontact_groups++] = name;
	return false;
}

/* Write one contact's rows; returns how many. */
static unsigned long export_contact(struct exporter *ex, const struct contact_list *cl,
				    const struct cl_contact *c, const struct owner *o)
{
	const char *buddy = sipuri_address(cl_str(cl, c->buddy));
	const char *groups = cl_str(cl, c->groups);
	struct strbuf cid = STRBUF_INIT, cdomain = STRBUF_INIT, detail = STRBUF_INIT;
	unsigned long rows = 0;
	bool any_group = false;

	ex->ncontact_groups = 0;

	if (!bat_split_address(buddy, &cid, &cdomain)) {
		skip(ex, SKIP_BAD_CONTACT, o->uri, buddy, "no '@' in the contact's address");
		goto out;
	}
	if (strcasecmp(cid.buf, o->id.buf) == 0 && strcasecmp(cdomain.buf, o->domain.buf) == 0) {
		skip(ex, SKIP_SELF_CONTACT, o->uri, buddy, NULL);
		goto out;
	}
	for (const char *p = groups;; ) {
		char *end;
		long number;
		const char *name;

		while (isspace((unsigned char)*p))
			p++;
		if (*p) {
			number = strtol(p, &end, 10);
			if (end == p || (*end && !isspace((unsigned char)*end))) {
				skip(ex, SKIP_BAD_CONTACT, o->uri, buddy, "Groups is not a list of numbers");
				goto out;
			}
			p = end;
			any_group = true;
		} else if (!any_group) {
			number = 1;       /* in no group: the default group */
			any_group = true;
		} else {
			break;
		}
		if (!(name = group_name_for(ex, cl, number))) {
			skip(ex, SKIP_DL_MEMBERSHIP, o->uri, buddy, NULL);
			continue;
		}
		if (group_written(ex, name))
			continue;     /* two numbers that map to one group */

		struct bat_row row = { .field = {
			[BAT_USER_ID] = o->id.buf, [BAT_USER_DOMAIN] = o->domain.buf,
			[BAT_CONTACT_ID] = cid.buf, [BAT_CONTACT_DOMAIN] = cdomain.buf,
			[BAT_NICKNAME] = cl_str(cl, c->nickname), [BAT_GROUP] = name,
			[BAT_STATE] = ex->state,
		} };
		enum bat_field where;
		strbuf_reset(&detail);
		if (bat_row_validate(&row, &where, &detail) != BAT_OK) {
			skip(ex, SKIP_INVALID_ROW, o->uri, buddy, detail.buf);
			continue;
		}
		if (ex->csv)
			bat_row_write(ex->csv, &row, ex->state != NULL);
		rows++;
	}
	if (rows && strcasecmp(cdomain.buf, o->domain.buf) != 0)
		ex->stats.federated++;
out:
	strbuf_release(&cid);
	strbuf_release(&cdomain);
	strbuf_release(&detail);
	return rows;
}

static void note_empty(struct exporter *ex, const char *uri)
{
	ex->stats.users_empty++;
	if (ex->stats.users_empty <= EMPTY_NAMES_SHOWN)
		strbuf_addf(&ex->empty_names, "%s%s", ex->empty_names.len ? ", " : "", uri);
}

/* 1. Is this list's owner to be exported: a valid SIP address, in the
 * filter if there is one, not seen before? uri gets the address. */
static bool admit_user(struct exporter *ex, const struct contact_list *cl, const char *owner_text,
		       struct strbuf *uri)
{
	struct strbuf key = STRBUF_INIT;
	const char *why;
	bool added;

	if ((why = sipuri_parse(owner_text, strlen(owner_text), uri))) {
		ex->stats.users_processed++;
		ex->stats.users_failed++;
		ex->status = UCMIG_EX_PARTIAL;
		wrapup_record(ex->wrapup, OUT_FAILED, owner_text, "export", why);
		warn("%s:%lu: user '%s' is not a valid SIP address (%s); skipped",
		     ex->source_name, cl->line, owner_text, why);
		return false;
	}
	sipuri_key(uri->buf, &key);
	if (ex->filter) {
		struct strset_entry *e = strset_find(&ex->filter->keys, key.buf);

		strbuf_release(&key);
		if (!e) {
			ex->stats.users_not_selected++;
			return false;
		}
		added = !(e->flags & USER_FOUND);
		e->flags |= USER_FOUND;
	} else {
		added = fpset_add(&ex->seen, key.buf);
		strbuf_release(&key);
	}
	ex->stats.users_processed++;
	if (!added) {
		ex->stats.users_duplicate++;
		ex->status = UCMIG_EX_PARTIAL;
		wrapup_record(ex->wrapup, OUT_DUPLICATE_USER, uri->buf, "export",
			      "the user appears again in the file; this copy was ignored");
		warn("%s:%lu: %s appears a second time; that copy is NOT exported",
		     ex->source_name, cl->line, uri->buf);
	}
	return added;
}

/* 2. Every contact of the list as BAT rows, each contact once; the
 * distribution-list groups reported as skipped. */
static void export_contacts(struct exporter *ex, const struct contact_list *cl, const struct owner *o,
			    unsigned long *contacts, unsigned long *rows)
{
	struct strbuf lower = STRBUF_INIT;
	bool added;

	for (size_t i = 0; i < cl->ngroups; i++)
		if (cl->group[i].is_dl) {
			ex->stats.skipped[SKIP_DL_GROUP]++;
			wrapup_record(ex->wrapup, OUT_SKIPPED, o->uri, "export-group",
				      "distribution list (no SIP URI)");
		}
	strset_clear(&ex->list_contacts);
	for (size_t i = 0; i < cl->ncontacts; i++) {
		const struct cl_contact *c = &cl->contact[i];
		unsigned long n;

		strbuf_reset(&lower);
		strbuf_addlower(&lower, sipuri_address(cl_str(cl, c->buddy)));
		strset_add(&ex->list_contacts, lower.buf, &added);
		if (!added) {
			skip(ex, SKIP_DUPLICATE_CONTACT, o->uri, sipuri_address(cl_str(cl, c->buddy)), NULL);
			continue;
		}
		if ((n = export_contact(ex, cl, c, o))) {
			++*contacts;
			*rows += n;
		}
	}
	strbuf_release(&lower);
}

/* 3. The user's line: failed if any contact could not be written
 * (disable and delete must then not act on the user, or those contacts
 * would be lost), else exported, and named in --exported-users. */
static void account_user(struct exporter *ex, const struct contact_list *cl, const char *uri,
			 unsigned long rejected, unsigned long contacts, unsigned long rows)
{
	struct strbuf detail = STRBUF_INIT;

	ex->stats.contacts += contacts;
	ex->stats.rows += rows;
	if (contacts > ex->stats.largest)
		ex->stats.largest = contacts;
	if (rejected) {
		ex->stats.users_failed++;
		strbuf_addf(&detail, "%lu contact%s could not be exported (%lu rows written); not listed in "
			    "--exported-users", rejected, rejected == 1 ? "" : "s", rows);
		wrapup_record(ex->wrapup, OUT_FAILED, uri, "export", detail.buf);
	} else {
		ex->stats.users_exported++;
		if (cl->ncontacts) {
			strbuf_addf(&detail, "%lu contacts, %lu rows", contacts, rows);
			wrapup_record(ex->wrapup, OUT_EXPORTED, uri, "export", detail.buf);
		}
		if (ex->exported_users)
			fprintf(ex->exported_users, "%s\n", uri);
	}
	strbuf_release(&detail);
}

int exporter_user(struct exporter *ex, const struct contact_list *cl)
{
	const char *owner_text = sipuri_address(cl_str(cl, cl->owner));
	struct strbuf uri = STRBUF_INIT;
	struct owner o = { .id = STRBUF_INIT, .domain = STRBUF_INIT };
	unsigned long contacts = 0, rows = 0, rejected_before;

	if (!admit_user(ex, cl, owner_text, &uri))
		goto out;
	o.uri = uri.buf;
	if (cl->ncontacts == 0) {
		note_empty(ex, uri.buf);
		if (ex->empty_may_be_ucs && !ex->include_empty) {
			wrapup_record(ex->wrapup, OUT_EMPTY_LIST, uri.buf, "export",
				      "no contacts in the server data: may be in Exchange (unified contact store); "
				      "not listed as exported");
			goto out;
		}
		wrapup_record(ex->wrapup, OUT_EXPORTED, uri.buf, "export", "empty contact list");
	}
	bat_split_address(owner_text, &o.id, &o.domain);
	/* The owner's domain as normalised (lowercase) in the URI. */
	strbuf_reset(&o.domain);
	strbuf_addstr(&o.domain, strrchr(uri.buf, '@') + 1);
	rejected_before = rejected_rows(ex);
	export_contacts(ex, cl, &o, &contacts, &rows);
	account_user(ex, cl, uri.buf, rejected_rows(ex) - rejected_before, contacts, rows);
out:
	strbuf_release(&uri);
	strbuf_release(&o.id);
	strbuf_release(&o.domain);
	return 0;
}

void exporter_non_user(struct exporter *ex, const char *name)
{
	ex->stats.skipped[SKIP_NON_USER_ITEM]++;
	wrapup_record(ex->wrapup, OUT_SKIPPED, name, "export", "not a user (no urn:lcd: prefix)");
}

void exporter_finish(struct exporter *ex)
{
	if (!ex->filter)
		return;
	for (size_t i = 0; i < ex->filter->count; i++) {
		const struct userlist_entry *u = &ex->filter->entry[i];
		struct strset_entry *e = userlist_find(ex->filter, u->value);

		if (u->kind != USERLIST_URI || (e->flags & USER_FOUND))
			continue;
		ex->stats.users_not_found++;
		ex->status = UCMIG_EX_PARTIAL;
		wrapup_record(ex->wrapup, OUT_NOT_FOUND, u->value, "export",
			    "in the user list but not in the source");
	}
}

void exporter_summary(const struct exporter *ex, struct strbuf *out)
{
	const struct export_stats *s = &ex->stats;
	double average = s->users_exported ? (double)s->contacts / (double)s->users_exported : 0;
	bool first = true;

	strbuf_addf(out, "%lu users processed, %lu exported, %lu not found, %lu failed; "
		    "%llu contacts in %llu rows (largest list %lu, average %.1f, %llu federated)",
		    s->users_processed, s->users_exported, s->users_not_found, s->users_failed,
		    s->contacts, s->rows, s->largest, average, s->federated);
	for (int r = 0; r < SKIP_NREASONS; r++) {
		if (!s->skipped[r])
			continue;
		strbuf_addf(out, "%s%lu %s", first ? "; skipped: " : ", ", s->skipped[r],
			    skip_tokens[r]);
		first = false;
	}
	if (s->users_duplicate)
		strbuf_addf(out, "; %lu duplicate user%s", s->users_duplicate,
			    s->users_duplicate == 1 ? "" : "s");
	if (s->users_empty)
		strbuf_addf(out, "; %lu empty list%s", s->users_empty, s->users_empty == 1 ? "" : "s");
}
