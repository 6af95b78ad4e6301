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
/* The same for what is written to one stream only (a report, a plan),
 * where the tool's other CSV must stay as BAT reads it. A handful of
 * streams at most; a closed stream's mark must be dropped with
 * csvout_forget before its FILE is reused. */
void csvout_excel_safe_stream(FILE *out);
void csvout_forget(FILE *out);

void csv_write_field(FILE *out, const char *field);
/* A whole record: n fields, separators and the CRLF. */
void csv_write_record(FILE *out, const char *const *fields, size_t n);

#endif
