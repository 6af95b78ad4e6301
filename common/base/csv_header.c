/*
 * csv_header.c - see csv_header.h.
 */
#include <string.h>
#include <strings.h>

#include "base/csv_header.h"
#include "base/exitcode.h"
#include "base/msg.h"
#include "base/strbuf.h"
#include "base/textin.h"

static bool same_name(const char *field, size_t len, const char *name)
{
	span_trim(&field, &len);
	return len == strlen(name) && strncasecmp(field, name, len) == 0;
}

int csv_header_map(const struct csv_record *rec, const struct csv_column *columns, size_t n,
		   const char *what, size_t *index)
{
	for (size_t c = 0; c < n; c++) {
		index[c] = CSV_COLUMN_ABSENT;
		for (size_t f = 0; f < rec->nfields; f++) {
			if (!same_name(rec->field[f], rec->len[f], columns[c].name))
				continue;
			if (index[c] != CSV_COLUMN_ABSENT)
				return fail(UCMIG_EX_DATAERR, "%s:%lu: column '%s' appears twice in the header",
					    rec->file, rec->line, columns[c].name);
			index[c] = f;
		}
		if (index[c] == CSV_COLUMN_ABSENT && !columns[c].optional)
			return fail(UCMIG_EX_DATAERR, "%s:%lu: not a %s: the header has no column '%s'",
				    rec->file, rec->line, what, columns[c].name);
	}
	return 0;
}

const char *csv_field(const struct csv_record *rec, const size_t *index, size_t i)
{
	if (index[i] == CSV_COLUMN_ABSENT || index[i] >= rec->nfields)
		return "";
	return rec->field[index[i]];
}

int csv_word(const char *value, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(value, words[i]) == 0)
			return (int)i;
	return -1;
}

struct named_reader {
	const struct csv_column *columns;
	size_t n;
	const char *what;
	size_t index[CSVIN_MAX_FIELDS];
	size_t header_fields;
	bool header_seen;
	csv_row_fn fn;
	void *data;
};

static int on_record(const struct csv_record *rec, void *data)
{
	struct named_reader *r = data;

	if (r->header_seen) {
		/* A row of another width is shifted or cut: its values would be
		 * read under the wrong names. */
		if (rec->nfields != r->header_fields)
			return fail(UCMIG_EX_DATAERR, "%s:%lu: %zu fields where the header has %zu", rec->file,
				    rec->line, rec->nfields, r->header_fields);
		return r->fn(rec, r->index, r->data);
	}
	r->header_seen = true;
	r->header_fields = rec->nfields;
	return csv_header_map(rec, r->columns, r->n, r->what, r->index);
}

int csv_read_named(const char *path, const struct csv_column *columns, size_t n, const char *what,
		   const char *rows, csv_row_fn fn, void *data)
{
	struct named_reader r = { .columns = columns, .n = n, .what = what, .fn = fn, .data = data };
	struct csvin_options opt = { .min_fields = 1, .max_fields = CSVIN_MAX_FIELDS };
	struct textin in;
	int status;

	if (n > CSVIN_MAX_FIELDS)
		return fail(UCMIG_EX_SOFTWARE, "%s: %zu columns, at most %d", what, n, CSVIN_MAX_FIELDS);
	if ((status = textin_open(&in, path)))
		return status;
	status = csvin_read(&in, &opt, on_record, &r);
	if (!status && !r.header_seen)
		status = fail(UCMIG_EX_DATAERR, "%s: empty: no header, no %s", in.name, rows);
	textin_close(&in);
	return status;
}
