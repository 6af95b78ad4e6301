/*
 * fuzz-batrow-raw.c - BAT rows from any bytes, not only what the CSV
 * reader lets through (export builds rows from XML and SQL): the input is
 * the fields separated by NUL bytes. A row bat_row_validate accepts must
 * survive writing and reading back unchanged.
 */
#include <stdlib.h>
#include <string.h>

#include "domain/batrow.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bat_row row = { { 0 } };
	enum bat_field where;
	size_t n = 0;
	char *copy;

	fuzz_quiet();
	if (size > 8192)
		return 0;
	copy = malloc(size + 1);
	memcpy(copy, data, size);
	copy[size] = '\0';
	for (char *p = copy; n < 7 && p <= copy + size; p += strlen(p) + 1)
		row.field[n++] = p;
	if (n >= 6 && bat_row_validate(&row, &where, NULL) == BAT_OK)
		fuzz_bat_round_trip(&row, n);
	free(copy);
	return 0;
}
