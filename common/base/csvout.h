/*
 * csvout.h - writing RFC 4180 CSV: CRLF line ends, a field quoted only
 * when it holds a comma, a quote, CR or LF, quotes doubled inside.
 *
 * Writes go through the caller's stdio stream (buffered); errors are
 * sticky in the FILE and checked once by outfile_commit.
 */
#ifndef UCMIG_CSVOUT_H
#define UCMIG_CSVOUT_H

#include <stdio.h>

void csv_write_field(FILE *out, const char *field);
/* A whole record: n fields, separators and the CRLF. */
void csv_write_record(FILE *out, const char *const *fields, size_t n);

#endif
