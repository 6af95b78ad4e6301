/*
 * report.c - see report.h.
 */
#include "base/report.h"

#include <stdio.h>
#include <string.h>

#include "base/csvin.h"
#include "base/csvout.h"
#include "base/exitcode.h"
#include "base/msg.h"
#include "base/outfile.h"
#include "base/textin.h"

int report_open(struct report *r, const char *path)
{
	static const char *const header[] = { "key", "action", "result", "detail" };

	int status = outfile_open(&r->out, path);

	if (!status && r->out.fp)
		csv_write_record(r->out.fp, header, 4);
	return status;
}

void report_line(struct report *r, const char *key, const char *action,
		 enum result result, const char *detail)
{
	const char *f[4] = { key, action, result_token(result), detail ? detail : "" };

	if (r->out.fp)
		csv_write_record(r->out.fp, f, 4);
}

int report_flush(struct report *r)
{
	if (!r->out.fp)
		return 0;
	if (fflush(r->out.fp) != 0 || ferror(r->out.fp))
		return fail(UCMIG_EX_IOERR, "%s: cannot write the report:", r->out.path);
	return 0;
}

int report_close(struct report *r)
{
	/* A report is kept whatever the run's outcome: it is the record. */
	return outfile_commit(&r->out);
}

struct reading {
	report_record_fn fn;
	void *data;
};

static int on_record(const struct csv_record *rec, void *data)
{
	const struct reading *rd = data;
	struct report_record r = { rec->field[0], rec->field[1], rec->field[2], rec->field[3], rec->file, rec->line };

	if (rec->line == 1 && !strcmp(r.key, "key") && !strcmp(r.result, "result"))
		return 0;                   /* the header report_open writes */
	return rd->fn(&r, rd->data);
}

int report_read(const char *path, report_record_fn fn, void *data)
{
	struct csvin_options opt = { 4, 4 };
	struct reading rd = { fn, data };
	struct textin in;
	int status;

	if ((status = textin_open(&in, path)))
		return status;
	status = csvin_read(&in, &opt, on_record, &rd);
	textin_close(&in);
	return status;
}
