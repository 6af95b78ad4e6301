/*
 * csvin.c - see csvin.h.
 *
 * libcsv reports neither lines nor columns, so the reader feeds it one
 * physical line at a time: the line number is then always known, and when
 * libcsv rejects a byte, the count it consumed gives the column.
 */
#include "base/csvin.h"

#include <csv.h>
#include <string.h>

#include "base/exitcode.h"
#include "base/msg.h"
#include "base/strbuf.h"
#include "base/utf8.h"

struct csvin_state {
	struct textin *in;
	const struct csvin_options *opt;
	csv_record_fn fn;
	void *data;
	struct strbuf fields;                /* field bytes, NUL-separated */
	size_t off[CSVIN_MAX_FIELDS + 1];
	size_t nfields;
	unsigned long record_line;
	int status;
	int too_many;
};

static void on_field(void *s, size_t len, void *data)
{
	struct csvin_state *st = data;

	if (st->nfields == 0)
		strbuf_reset(&st->fields);
	if (st->nfields >= CSVIN_MAX_FIELDS) {
		st->too_many = 1;
		st->nfields++;
		return;
	}
	st->off[st->nfields++] = st->fields.len;
	strbuf_add(&st->fields, s ? s : "", s ? len : 0);
	strbuf_addch(&st->fields, '\0');
}

static void on_record(int term, void *data)
{
	struct csvin_state *st = data;
	const struct csvin_options *opt = st->opt;
	struct csv_record rec;

	(void)term;
	if (st->status) {
		st->nfields = 0;
		return;
	}
	if ((opt->min_fields && st->nfields < opt->min_fields) ||
	    (opt->max_fields && st->nfields > opt->max_fields) || st->too_many) {
		if (opt->min_fields == opt->max_fields)
			st->status = fail(UCMIG_EX_DATAERR, "%s:%lu: expected %zu fields, found %zu",
					  st->in->name, st->record_line, opt->min_fields, st->nfields);
		else
			st->status = fail(UCMIG_EX_DATAERR, "%s:%lu: expected %zu to %zu fields, found %zu",
					  st->in->name, st->record_line, opt->min_fields,
					  opt->max_fields, st->nfields);
		st->nfields = 0;
		st->too_many = 0;
		return;
	}
	rec.nfields = st->nfields;
	for (size_t i = 0; i < st->nfields; i++) {
		rec.field[i] = st->fields.buf + st->off[i];
		rec.len[i] = strlen(rec.field[i]);
	}
	rec.file = st->in->name;
	rec.line = st->record_line;
	st->nfields = 0;
	st->status = st->fn(&rec, st->data);
}

static int never_space(unsigned char c)
{
	(void)c;
	return 0;
}

int csvin_read(struct textin *in, const struct csvin_options *opt,
	       csv_record_fn fn, void *data)
{
	struct csvin_state st = { .in = in, .opt = opt, .fn = fn, .data = data };
	struct csv_parser p;
	const char *line;
	size_t len;
	int status = 0;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return fail(UCMIG_EX_SOFTWARE, "cannot initialise the CSV parser");
	csv_set_space_func(&p, never_space);
	strbuf_init(&st.fields);
	while (!st.status && !(status = textin_getline(in, &line, &len)) && line) {
		/* A record starts on this line unless a quoted field is open. */
		if (st.nfields == 0 && p.pstate == 0 /* libcsv's ROW_NOT_BEGUN */)
			st.record_line = in->lineno;
		size_t used = csv_parse(&p, line, len, on_field, on_record, &st);
		if (used != len && !st.status)
			st.status = fail(UCMIG_EX_DATAERR, "%s:%lu:%zu: malformed CSV: %s",
					 in->name, in->lineno, utf8_length(line, used) + 1,
					 csv_strerror(csv_error(&p)));
	}
	if (status && !st.status)
		st.status = status;
	if (!st.status && csv_fini(&p, on_field, on_record, &st) != 0 && !st.status)
		st.status = fail(UCMIG_EX_DATAERR, "%s:%lu: unterminated quoted field (opened on line %lu)",
				 in->name, in->lineno, st.record_line);
	csv_free(&p);
	strbuf_release(&st.fields);
	return st.status;
}
