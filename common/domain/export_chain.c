/*
 * export_chain.c - see export_chain.h.
 */
#include "domain/export_chain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/exitcode.h"
#include "base/grow.h"
#include "base/msg.h"
#include "base/report.h"
#include "base/xalloc.h"

/* The export's words for a skipped contact (export/exporter.c), as
 * counted here. */
static const struct {
	const char *words;
	enum chain_skip skip;
	const char *as;                  /* this report's word */
} reasons[] = {
	{ "self-contact", CHAIN_SKIP_SELF, "self-contact" },
	{ "distribution-list membership", CHAIN_SKIP_DL, "distribution list" },
	{ "non-user item", CHAIN_SKIP_NOT_USER, "not a user" },
	{ "duplicate contact", CHAIN_SKIP_DUPLICATE, "again" },
	{ "contact without an IM address", CHAIN_SKIP_NO_ADDRESS, "no IM address" },
};

void export_chain_init(struct export_chain *c)
{
	memset(c, 0, sizeof(*c));
	strset_init(&c->index);
}

void export_chain_release(struct export_chain *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->owner[i].address);
	strset_free(&c->index);
	free(c->owner);
	memset(c, 0, sizeof(*c));
}

static const char *without_sip(const char *key)
{
	return strncasecmp(key, "sip:", 4) == 0 ? key + 4 : key;
}

static struct chain_owner *owner_of(struct export_chain *c, const char *key)
{
	struct strbuf lower = STRBUF_INIT;
	struct strset_entry *e;
	bool added;

	strbuf_addlower(&lower, without_sip(key));
	e = strset_add(&c->index, lower.buf, &added);
	strbuf_release(&lower);
	if (added) {
		GROW(c->owner, c->n + 1, c->alloc);
		memset(&c->owner[c->n], 0, sizeof(c->owner[c->n]));
		c->owner[c->n].address = xstrdup(without_sip(key));
		e->value = c->n++;
	}
	return &c->owner[e->value];
}

static enum chain_skip skip_of(const char *detail)
{
	const char *why = strstr(detail, ": ");

	for (size_t i = 0; why && i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (strncmp(why + 2, reasons[i].words, strlen(reasons[i].words)) == 0)
			return reasons[i].skip;
	return CHAIN_SKIP_OTHER;
}

static int on_line(const struct report_record *rec, void *data)
{
	struct export_chain *c = data;
	const char *action = rec->action, *result = rec->result, *detail = rec->detail;
	struct chain_owner *o;

	if (strcmp(action, "export") && strcmp(action, "export-contact") && strcmp(action, "export-group"))
		return 0;
	if (!strcmp(action, "export") && strcmp(result, "exported") && strcmp(result, "empty-list") &&
	    strcmp(result, "failed"))
		return 0;                       /* not a user (skipped), not found ...: no list */
	o = owner_of(c, rec->key);
	if (!strcmp(action, "export-group")) {
		o->dl_groups += !strcmp(result, "skipped");
	} else if (!strcmp(action, "export-contact")) {
		if (!strcmp(result, "skipped") || !strcmp(result, "rejected"))
			o->skipped[!strcmp(result, "rejected") ? CHAIN_SKIP_OTHER : skip_of(detail)]++;
	} else if (!strcmp(result, "exported")) {
		o->exported = true;
		if (sscanf(detail, "%lu contacts, %lu rows", &o->contacts, &o->rows) != 2 &&
		    strcmp(detail, "empty contact list"))
			return fail(UCMIG_EX_DATAERR, "%s:%lu: an exported line whose detail is not \"N contacts, "
				    "M rows\": not ucmig-export's report?", rec->file, rec->line);
	} else if (!strcmp(result, "empty-list")) {
		o->empty = true;
	} else if (!strcmp(result, "failed")) {
		o->failed = true;
	}
	return 0;
}

int export_chain_load(struct export_chain *c, const char *path)
{
	return report_read(path, on_line, c);
}

const struct chain_owner *export_chain_find(const struct export_chain *c, const char *address)
{
	struct strbuf lower = STRBUF_INIT;
	struct strset_entry *e;

	strbuf_addlower(&lower, without_sip(address));
	e = strset_find(&c->index, lower.buf);
	strbuf_release(&lower);
	return e ? &c->owner[e->value] : NULL;
}

void export_chain_describe(const struct chain_owner *o, struct strbuf *out)
{
	unsigned long skipped = 0;
	bool first = true;

	for (int i = 0; i < NCHAIN_SKIPS; i++)
		skipped += o->skipped[i];
	if (o->empty) {
		strbuf_addstr(out, "on the Microsoft server an empty list (maybe in Exchange: not exported); ");
		return;
	}
	strbuf_addf(out, "on the Microsoft server %lu contact%s: %lu exported in %lu row%s", o->contacts + skipped,
		    o->contacts + skipped == 1 ? "" : "s", o->contacts, o->rows, o->rows == 1 ? "" : "s");
	if (skipped) {
		strbuf_addf(out, ", %lu skipped (", skipped);
		for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
			if (o->skipped[reasons[i].skip]) {
				strbuf_addf(out, "%s%lu %s", first ? "" : ", ", o->skipped[reasons[i].skip], reasons[i].as);
				first = false;
			}
		if (o->skipped[CHAIN_SKIP_OTHER])
			strbuf_addf(out, "%s%lu rejected", first ? "" : ", ", o->skipped[CHAIN_SKIP_OTHER]);
		strbuf_addch(out, ')');
	}
	if (o->dl_groups)
		strbuf_addf(out, ", %lu distribution-list group%s", o->dl_groups, o->dl_groups == 1 ? "" : "s");
	if (o->failed)
		strbuf_addstr(out, ", export failed");
	strbuf_addstr(out, "; ");
}
