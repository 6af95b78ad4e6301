/*
 * csvout.c - see csvout.h.
 */
#include "base/csvout.h"

#include <string.h>

static bool excel_safe;
static FILE *safe_streams[8];

void csvout_set_excel_safe(bool on)
{
	excel_safe = on;
}

void csvout_excel_safe_stream(FILE *out)
{
	for (size_t i = 0; out && i < sizeof(safe_streams) / sizeof(safe_streams[0]); i++)
		if (!safe_streams[i] || safe_streams[i] == out) {
			safe_streams[i] = out;
			return;
		}
}

void csvout_forget(FILE *out)
{
	for (size_t i = 0; i < sizeof(safe_streams) / sizeof(safe_streams[0]); i++)
		if (safe_streams[i] == out)
			safe_streams[i] = NULL;
}

static bool is_safe(FILE *out)
{
	if (excel_safe)
		return true;
	for (size_t i = 0; i < sizeof(safe_streams) / sizeof(safe_streams[0]); i++)
		if (safe_streams[i] == out)
			return true;
	return false;
}

void csv_write_field(FILE *out, const char *field)
{
	/* A spreadsheet runs a cell starting with one of these as a formula. */
	if (*field && strchr("=+-@\t\r", *field) && is_safe(out))
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
