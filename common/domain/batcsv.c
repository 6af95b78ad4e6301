/*
 * batcsv.c - see batcsv.h.
 */
#include "domain/batcsv.h"

#include <strings.h>

#include "base/csvin.h"
#include "base/strbuf.h"

struct reader {
	bat_csv_fn fn;
	void *data;
	bool first, had_header;
	struct strbuf detail;
};

static bool is_header(const struct csv_record *rec)
{
	for (size_t i = 0; i < rec->nfields; i++)
		if (strcasecmp(rec->field[i], bat_field_name[i]) != 0)
			return false;
	return true;
}

static int on_record(const struct csv_record *rec, void *data)
{
	struct reader *r = data;
	struct bat_csv_row row = { .nfields = rec->nfields, .file = rec->file, .line = rec->line };

	if (r->first) {
		r->first = false;
		if (is_header(rec)) {
			r->had_header = true;
			return 0;
		}
	}
	for (size_t i = 0; i < BAT_NFIELDS; i++)
		row.row.field[i] = i < rec->nfields ? rec->field[i] : NULL;
	strbuf_reset(&r->detail);
	row.problem = bat_row_validate(&row.row, &row.field, &r->detail);
	row.detail = r->detail.buf;
	return r->fn(&row, r->data);
}

int bat_csv_read(struct textin *in, bool *had_header, bat_csv_fn fn, void *data)
{
	struct reader r = { .fn = fn, .data = data, .first = true };
	struct csvin_options opt = { .min_fields = 6, .max_fields = 7 };
	int status;

	strbuf_init(&r.detail);
	status = csvin_read(in, &opt, on_record, &r);
	strbuf_release(&r.detail);
	if (had_header)
		*had_header = r.had_header;
	return status;
}
