/*
 * report.c - see report.h.
 */
#include "report.h"

#include "csvout.h"
#include "exitcode.h"
#include "outfile.h"

int report_open(struct report *r, const char *path)
{
	static const char *const header[] = { "key", "action", "result", "detail" };

	r->fp = NULL;
	r->path = path;
	if (!path)
		return 0;
	if (!(r->fp = outfile_open(path)))
		return UCMIG_EX_CANTCREAT;
	csv_write_record(r->fp, header, 4);
	return 0;
}

void report_line(struct report *r, const char *key, const char *action,
		 const char *result, const char *detail)
{
	const char *f[4] = { key, action, result, detail ? detail : "" };

	if (r->fp)
		csv_write_record(r->fp, f, 4);
}

int report_close(struct report *r)
{
	int status = r->fp ? outfile_close(r->fp, r->path) : 0;

	r->fp = NULL;
	return status;
}
