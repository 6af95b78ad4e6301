/*
 * csvin.h - a strict, streaming CSV reader on libcsv.
 *
 * Records are handed to a callback one at a time; nothing but the current
 * record is kept. Strict means: a stray or unterminated quote, a record with
 * a column count outside [min_fields, max_fields], and invalid UTF-8 are
 * errors naming file, line and (where it is known) column. Fields are kept
 * exactly: libcsv's default trimming of spaces and tabs is switched off.
 * Blank lines are skipped. Input decoding (BOM, UTF-16LE, CRLF) is textin's.
 */
#ifndef UCMIG_CSVIN_H
#define UCMIG_CSVIN_H

#include <stddef.h>

#include "base/textin.h"

#define CSVIN_MAX_FIELDS 32

struct csv_record {
	size_t nfields;
	const char *field[CSVIN_MAX_FIELDS]; /* NUL-terminated, owned by the reader */
	size_t len[CSVIN_MAX_FIELDS];
	const char *file;
	unsigned long line;                  /* where the record starts */
};

/* Return 0 to go on, or an exit status to stop the read with it. */
typedef int (*csv_record_fn)(const struct csv_record *rec, void *data);

struct csvin_options {
	size_t min_fields, max_fields;  /* 0 = no check */
};

/* Read every record of in. Returns 0, the callback's status, or an exit
 * status after printing the message. */
int csvin_read(struct textin *in, const struct csvin_options *opt,
	       csv_record_fn fn, void *data);

#endif
