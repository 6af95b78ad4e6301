/*
 * left_out.c - see left_out.h.
 */
#include "domain/left_out.h"

#include <string.h>

#include "base/exitcode.h"
#include "base/msg.h"
#include "base/report.h"
#include "base/strbuf.h"

static const struct {
	const char *token;
	int why;
	bool per_owner;
} drops[] = {
	{ "over-limit", LEFT_OUT_OVER_LIMIT, false },
	{ "unassigned", LEFT_OUT_UNASSIGNED, true },
	{ "no-account", LEFT_OUT_NO_ACCOUNT, true },
};

void left_out_init(struct left_out *lo)
{
	strset_init(&lo->rows);
	strset_init(&lo->owners);
	lo->lines = 0;
}

void left_out_release(struct left_out *lo)
{
	strset_free(&lo->rows);
	strset_free(&lo->owners);
}

const char *left_out_word(int why)
{
	for (size_t i = 0; i < sizeof(drops) / sizeof(drops[0]); i++)
		if (drops[i].why == why)
			return drops[i].token;
	return "?";
}

/* "bob@example.com in Friends (line 12)" -> "bob@example.com" (in
 * lowercase), "Friends". */
static bool split_detail(const char *detail, struct strbuf *contact, struct strbuf *group)
{
	const char *in = strstr(detail, " in "), *line = strrchr(detail, '(');
	struct strbuf raw = STRBUF_INIT;

	if (!in || !line || line < in + 4 || line[-1] != ' ')
		return false;
	strbuf_add(&raw, detail, (size_t)(in - detail));
	strbuf_addlower(contact, raw.buf);
	strbuf_add(group, in + 4, (size_t)(line - 1 - (in + 4)));
	strbuf_release(&raw);
	return true;
}

struct reading {
	struct left_out *lo;
	struct strbuf key, contact, group;
};

static int on_line(const struct report_record *rec, void *data)
{
	struct reading *rd = data;
	bool added;

	for (size_t i = 0; i < sizeof(drops) / sizeof(drops[0]); i++) {
		if (strcmp(rec->result, drops[i].token))
			continue;
		strbuf_reset(&rd->key);
		strbuf_addlower(&rd->key, rec->key);
		if (!drops[i].per_owner) {
			strbuf_reset(&rd->contact);
			strbuf_reset(&rd->group);
			if (!split_detail(rec->detail, &rd->contact, &rd->group))
				return fail(UCMIG_EX_DATAERR, "%s:%lu: an over-limit line whose detail does not "
					    "name its row (\"contact in group (line N)\"): not an import's report?",
					    rec->file, rec->line);
			strbuf_addf(&rd->key, "\t%s\t%s", rd->contact.buf, rd->group.buf);
		}
		strset_add(drops[i].per_owner ? &rd->lo->owners : &rd->lo->rows, rd->key.buf, &added)->value =
			(size_t)drops[i].why;
		rd->lo->lines++;
	}
	return 0;
}

int left_out_load(struct left_out *lo, const char *path)
{
	struct reading rd = { lo, STRBUF_INIT, STRBUF_INIT, STRBUF_INIT };
	int status = report_read(path, on_line, &rd);

	strbuf_release(&rd.key);
	strbuf_release(&rd.contact);
	strbuf_release(&rd.group);
	return status;
}

int left_out_row(const struct left_out *lo, const char *owner, const char *contact, const char *group)
{
	struct strbuf key = STRBUF_INIT;
	struct strset_entry *e = strset_find(&lo->owners, owner);
	int why = e ? (int)e->value : 0;

	if (!why && lo->rows.count) {
		strbuf_addf(&key, "%s\t%s\t%s", owner, contact, group);
		e = strset_find(&lo->rows, key.buf);
		why = e ? (int)e->value : 0;
	}
	strbuf_release(&key);
	return why;
}
