/*
 * csvout.h - writing RFC 4180 CSV: CRLF line ends, a field quoted only
 * when it holds a comma, a quote, CR or LF, quotes doubled inside.
 *
 * Writes go through the caller's stdio stream (buffered); errors are
 * sticky in the FILE and checked once by outfile_commit.
 */
#ifndef UCMIG_CSVOUT_H
#define UCMIG_CSVOUT_H

#include <stdbool.h>
#include <stdio.h>

/* --excel-safe: every field written from now on that starts with '=',
 * '+', '-', '@', a tab or CR gets a leading apostrophe, so a spreadsheet
 * shows it as text instead of running it as a formula (CSV injection).
 * Off by default: BAT imports the field as it is written. */
void csvout_set_excel_safe(bool on);

void csv_write_field(FILE *out, const char *field);
/* A whole record: n fields, separators and the CRLF. */
void csv_write_record(FILE *out, const char *const *fields, size_t n);

#endif
