/*
 * intake.c - see intake.h.
 */
#include "intake.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/exitcode.h"
#include "base/grow.h"
#include "base/infile.h"
#include "base/msg.h"
#include "base/xalloc.h"

/* Bad rows named one by one before "and N more". */
enum { BAD_ROWS_SHOWN = 20 };

void intake_init(struct intake *in, const struct import_settings *set, long limit)
{
	memset(in, 0, sizeof(*in));
	in->set = set;
	in->limit = limit;
	in->current = SIZE_MAX;
	in->classified_owner = SIZE_MAX;
	strset_init(&in->index);
	strbuf_init(&in->key);
	strbuf_init(&in->lower);
}

void intake_release(struct intake *in)
{
	for (size_t i = 0; i < in->nowners; i++) {
		free(in->owner[i].address);
		free(in->owner[i].user_id);
	}
	free(in->owner);
	strset_free(&in->index);
	fpset_free(&in->rows_seen);
	fpset_free(&in->pairs_seen);
	strbuf_release(&in->key);
	strbuf_release(&in->lower);
}

void intake_restart(struct intake *in)
{
	fpset_free(&in->rows_seen);
	fpset_free(&in->pairs_seen);
	in->classified_owner = SIZE_MAX;
	for (size_t i = 0; i < in->nowners; i++)
		in->owner[i].seen = 0;
	/* The counts stay: they are the first pass's, and the same. */
}

/* "id@domain" of two fields, lowercased, appended to key. */
static void add_address(struct strbuf *key, const char *id, const char *domain)
{
	for (const char *s = id; *s; s++)
		strbuf_addch(key, (char)tolower((unsigned char)*s));
	strbuf_addch(key, '@');
	for (const char *s = domain; *s; s++)
		strbuf_addch(key, (char)tolower((unsigned char)*s));
}

static size_t owner_of(struct intake *in, const struct bat_csv_row *r)
{
	const char *const *f = r->row.field;
	struct strset_entry *e;
	bool added;

	strbuf_reset(&in->lower);
	add_address(&in->lower, f[BAT_USER_ID], f[BAT_USER_DOMAIN]);
	e = strset_add(&in->index, in->lower.buf, &added);
	if (added) {
		struct owner *o;

		GROW(in->owner, in->nowners + 1, in->owner_alloc);
		o = &in->owner[in->nowners];
		memset(o, 0, sizeof(*o));
		o->address = xmalloc(strlen(f[BAT_USER_ID]) + strlen(f[BAT_USER_DOMAIN]) + 2);
		sprintf(o->address, "%s@%s", f[BAT_USER_ID], f[BAT_USER_DOMAIN]);
		o->user_id = xstrdup(f[BAT_USER_ID]);
		o->line = r->line;
		o->node = -1;
		e->value = in->nowners++;
	}
	return e->value;
}

enum row_verdict intake_classify(struct intake *in, const struct bat_csv_row *r, size_t *owner)
{
	const char *const *f = r->row.field;
	struct owner *o;
	size_t pair_len;

	*owner = owner_of(in, r);
	o = &in->owner[*owner];
	/* Live, the rows of an owner come together (or the run is refused):
	 * what was seen of the owners before cannot repeat, so memory is one
	 * owner's rows, not the whole input's. Both passes do the same. */
	if (in->set->mode == MODE_XMPP && *owner != in->classified_owner) {
		fpset_free(&in->rows_seen);
		fpset_free(&in->pairs_seen);
		in->classified_owner = *owner;
	}
	if (r->problem == BAT_SELF_CONTACT)
		return ROW_SELF;
	/* owner, contact: one roster item; and the group: one row. */
	strbuf_reset(&in->key);
	strbuf_addstr(&in->key, in->lower.buf);
	strbuf_addch(&in->key, '\n');
	add_address(&in->key, f[BAT_CONTACT_ID], f[BAT_CONTACT_DOMAIN]);
	pair_len = in->key.len;
	strbuf_addch(&in->key, '\n');
	strbuf_addstr(&in->key, f[BAT_GROUP]);
	if (!fpset_add(&in->rows_seen, in->key.buf))
		return ROW_DUPLICATE;
	strbuf_setlen(&in->key, pair_len);
	if (fpset_add(&in->pairs_seen, in->key.buf))
		o->seen++;
	/* A contact's every row shares its fate: the first over the limit
	 * and all its other groups. */
	if (in->limit > 0 && o->seen > (size_t)in->limit)
		return ROW_OVER_LIMIT;
	return ROW_KEEP;
}

void intake_row_detail(struct strbuf *out, const struct bat_csv_row *r)
{
	strbuf_reset(out);
	strbuf_addf(out, "%s@%s in %s (line %lu)", r->row.field[BAT_CONTACT_ID], r->row.field[BAT_CONTACT_DOMAIN],
		    r->row.field[BAT_GROUP], r->line);
}

bool intake_is_federated(const struct intake *in, const struct bat_csv_row *r)
{
	const struct domain_list *list = &in->set->domains;

	return list->n && !domain_list_has(list, r->row.field[BAT_CONTACT_DOMAIN]);
}

/* ---- the counting pass ----------------------------------------------- */

static int count_row(const struct bat_csv_row *r, void *data)
{
	struct intake *in = data;
	enum row_verdict v;
	size_t owner;

	in->rows++;
	if (r->problem != BAT_OK && r->problem != BAT_SELF_CONTACT) {
		if (++in->bad <= BAD_ROWS_SHOWN)
			fail(UCMIG_EX_DATAERR, "%s:%lu: %s", r->file, r->line, r->detail);
		return 0;
	}
	if (r->nfields == 7)
		in->with_state = true;
	if (in->bad)
		return 0;                 /* only looking for more bad rows now */
	v = intake_classify(in, r, &owner);
	if (owner != in->current) {
		/* The live path takes the input owner by owner, as export writes it. */
		if (in->owner[owner].ended && !in->scattered_line) {
			in->scattered_line = r->line;
			in->scattered_owner = owner;
		}
		if (in->current != SIZE_MAX)
			in->owner[in->current].ended = true;
		in->current = owner;
	}
	if (v == ROW_OVER_LIMIT && in->set->keep_over_limit) {
		in->over_kept++;
		v = ROW_KEEP;
	}
	in->verdicts[v]++;
	if (v == ROW_KEEP) {
		struct owner *o = &in->owner[owner];
		o->rows++;
		o->contacts = o->seen;
		if (intake_is_federated(in, r))
			in->federated++;
	}
	return 0;
}

int intake_count(struct intake *in, const char *path, int fd)
{
	struct textin text;
	int status, copy;

	if (lseek(fd, 0, SEEK_SET) < 0 || (copy = dup(fd)) < 0)
		return fail(UCMIG_EX_IOERR, "%s: cannot read again:", infile_display_name(path));
	textin_from_fd(&text, copy, infile_display_name(path));
	status = bat_csv_read(&text, &in->had_header, count_row, in);
	textin_close(&text);
	if (!status && in->bad > BAD_ROWS_SHOWN)
		fail(UCMIG_EX_DATAERR, "%s: and %lu more bad rows", infile_display_name(path),
		     in->bad - BAD_ROWS_SHOWN);
	if (!status && in->bad)
		status = fail(UCMIG_EX_DATAERR, "%s: %lu of %lu rows are not valid BAT contact rows; "
			      "nothing written", infile_display_name(path), in->bad, in->rows);
	return status;
}
