/*
 * csvout.c - see csvout.h.
 */
#include "base/csvout.h"

#include <string.h>

static bool excel_safe;

void csvout_set_excel_safe(bool on)
{
	excel_safe = on;
}

void csv_write_field(FILE *out, const char *field)
{
	/* A spreadsheet runs a cell starting with one of these as a formula. */
	if (excel_safe && *field && strchr("=+-@\t\r", *field))
		putc('\'', out);
	if (!field[strcspn(field, ",\"\r\n")]) {
		fputs(field, out);
		return;
	}
	putc('"', out);
	for (const char *p = field; *p; p++) {
		if (*p == '"')
			putc('"', out);
		putc(*p, out);
	}
	putc('"', out);
}

void csv_write_record(FILE *out, const char *const *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			putc(',', out);
		csv_write_field(out, fields[i]);
	}
	fputs("\r\n", out);
}
