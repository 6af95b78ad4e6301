/*
 * disable_journal.c - see disable_journal.h.
 */
#include "domain/disable_journal.h"

#include <stdio.h>
#include <string.h>

#include "base/exitcode.h"
#include "base/msg.h"
#include "base/strbuf.h"
#include "domain/sipuri.h"

/* 2000-01-01T00:00:00Z: no ucmig journal is older. */
#define EARLIEST_TIME 946684800LL

/* The container's tool line and what a begin's PREVIOUS may be, per kind. */
static const struct {
	const char *tool;
	bool previous_may_be_boolean;
} kinds[] = {
	[JOURNAL_OF_ENABLED] = { "ucmig-disable", true },
	[JOURNAL_OF_ADDRESS] = { "ucmig-disable --set-address", false },
};

int disable_journal_kind_of(const char *path, enum disable_journal_kind *kind)
{
	struct strbuf tool = STRBUF_INIT;
	int status = journal_tool(path, &tool);

	for (size_t k = 0; !status && k < sizeof(kinds) / sizeof(kinds[0]); k++)
		if (strcmp(tool.buf, kinds[k].tool) == 0) {
			*kind = (enum disable_journal_kind)k;
			strbuf_release(&tool);
			return 0;
		}
	if (!status)
		status = fail(UCMIG_EX_DATAERR, "%s: a journal of %s, not of ucmig-disable", path, tool.buf);
	strbuf_release(&tool);
	return status;
}

struct reader {
	const char *path;
	enum disable_journal_kind kind;
	disable_record_fn fn;
	void *data;
	struct strbuf uri;
};

/* The record layout, as a table: name, field count, event. */
static const struct {
	const char *name;
	size_t nfields;
	enum disable_event event;
} layout[] = {
	[DISABLE_BEGIN] = { "begin", 4, DISABLE_BEGIN },
	[DISABLE_DONE] = { "done", 3, DISABLE_DONE },
	[DISABLE_UNDONE] = { "undone", 2, DISABLE_UNDONE },
};

static int malformed(const struct reader *r, unsigned long line, const char *what)
{
	return fail(UCMIG_EX_DATAERR, "%s:%lu: %s", r->path, line, what);
}

static bool parse_time(const char *s, long long *out)
{
	long long v = 0;
	size_t n = strlen(s);

	if (n == 0 || n > 18)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return v >= EARLIEST_TIME;
}

static int on_fields(char **f, size_t n, unsigned long line, void *data)
{
	struct reader *r = data;
	struct disable_record rec = { 0 };
	size_t k;

	for (k = 0; k < sizeof(layout) / sizeof(layout[0]); k++)
		if (strcmp(f[0], layout[k].name) == 0)
			break;
	if (k == sizeof(layout) / sizeof(layout[0]))
		return malformed(r, line, "not a record of ucmig-disable's journal");
	if (n != layout[k].nfields)
		return malformed(r, line, "wrong number of fields for this record");
	rec.event = layout[k].event;
	strbuf_reset(&r->uri);
	if (sipuri_parse(f[1], strlen(f[1]), &r->uri))
		return malformed(r, line, "not a user's SIP URI");
	rec.uri = r->uri.buf;
	if (rec.event == DISABLE_BEGIN) {
		rec.dn = f[2];
		rec.previous = f[3];
		if (!*rec.dn)
			return malformed(r, line, "empty DN");
		if (!kinds[r->kind].previous_may_be_boolean && *rec.previous)
			return malformed(r, line, "previous value is not empty (the address was added where there was none)");
		if (strcmp(rec.previous, "TRUE") && strcmp(rec.previous, "FALSE") && *rec.previous)
			return malformed(r, line, "previous value is not TRUE, FALSE or empty");
	} else if (rec.event == DISABLE_DONE && !parse_time(f[2], &rec.time)) {
		return malformed(r, line, "time is not seconds since 1970 (from the year 2000 on)");
	}
	return r->fn(&rec, line, r->data);
}

int disable_journal_replay(const char *path, enum disable_journal_kind kind, disable_record_fn fn,
			   void *data)
{
	struct reader r = { path, kind, fn, data, STRBUF_INIT };
	int status = journal_replay(path, kinds[kind].tool, on_fields, &r);

	strbuf_release(&r.uri);
	return status;
}

int disable_journal_open(struct journal *j, const char *path, enum disable_journal_kind kind,
			 disable_record_fn fn, void *data)
{
	struct reader r = { path, kind, fn, data, STRBUF_INIT };
	int status = journal_open(j, path, kinds[kind].tool, on_fields, &r);

	strbuf_release(&r.uri);
	return status;
}

int disable_journal_write(struct journal *j, const struct disable_record *rec)
{
	char when[24];
	const char *f[4] = { layout[rec->event].name, rec->uri, NULL, NULL };

	switch (rec->event) {
	case DISABLE_BEGIN:
		f[2] = rec->dn;
		f[3] = rec->previous;
		break;
	case DISABLE_DONE:
		snprintf(when, sizeof(when), "%lld", rec->time);
		f[2] = when;
		break;
	case DISABLE_UNDONE:
		break;
	}
	return journal_write(j, f, layout[rec->event].nfields);
}
