/*
 * fuzz-batcsv.c - the BAT contact CSV reader import and rename use
 * (domain/batcsv.h): any bytes; a header only as the first record; a
 * row it calls valid must survive writing and reading back unchanged,
 * and a row it calls bad must name a field.
 */
#include <stdlib.h>

#include "base/textin.h"
#include "domain/batcsv.h"
#include "fuzz.h"

static int check_row(const struct bat_csv_row *r, void *data)
{
	(void)data;
	if (r->nfields < 6 || r->nfields > 7 || r->line == 0)
		abort();
	if (r->problem == BAT_OK)
		fuzz_bat_round_trip(&r->row, r->nfields);
	else if ((unsigned)r->field >= BAT_NFIELDS || !r->detail)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct textin in;
	bool had_header;

	fuzz_quiet();
	if (textin_open(&in, fuzz_file(data, size)))
		return 0;
	bat_csv_read(&in, &had_header, check_row, NULL);
	textin_close(&in);
	return 0;
}
