/*
 * batcsv.h - reading the BAT contact-list CSV (SPEC.md section 3), the
 * format ucmig-export writes and import and rename read:
 *
 *     User ID,User Domain,Contact ID,Contact Domain,Nickname,Group Name[,State]
 *
 * Rules: 6 or 7 fields a record (other counts are 65 with the line);
 * a first record equal to the field names (without regard to case) is a
 * header and skipped; encodings as textin reads them (UTF-8 with or
 * without BOM, UTF-16LE, CRLF). Every data row is checked with
 * bat_row_validate and handed on with its verdict: what a bad row means
 * (stop, drop, count) is the caller's decision.
 *
 * Ownership: the row's fields and detail belong to the reader and are
 * valid only during the callback. Memory is one record.
 */
#ifndef UCMIG_BATCSV_H
#define UCMIG_BATCSV_H

#include <stdbool.h>
#include <stddef.h>

#include "base/textin.h"
#include "domain/batrow.h"

struct bat_csv_row {
	struct bat_row row;
	size_t nfields;              /* 6, or 7 with State */
	const char *file;
	unsigned long line;
	enum bat_problem problem;    /* BAT_OK for a valid row */
	enum bat_field field;        /* the field at fault */
	const char *detail;          /* "Contact Domain is empty", or "" */
};

/* Return 0 to go on, or an exit status to stop with it. */
typedef int (*bat_csv_fn)(const struct bat_csv_row *r, void *data);

/* Read every record of in. *had_header (may be NULL) tells whether the
 * first record was a header. Returns 0, fn's status, or an exit status
 * after printing the message. */
int bat_csv_read(struct textin *in, bool *had_header, bat_csv_fn fn, void *data);

#endif
