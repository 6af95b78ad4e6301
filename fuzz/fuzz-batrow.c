/*
 * fuzz-batrow.c - BAT contact rows from CSV input: a record that passes
 * bat_row_validate must survive writing and reading back unchanged.
 */
#include "base/csvin.h"
#include "base/textin.h"
#include "domain/batrow.h"
#include "fuzz.h"

static int check_row(const struct csv_record *rec, void *data)
{
	struct bat_row row = { { 0 } };
	enum bat_field where;

	(void)data;
	if (rec->nfields < 6 || rec->nfields > 7)
		return 0;
	for (size_t i = 0; i < rec->nfields; i++)
		row.field[i] = rec->field[i];
	if (bat_row_validate(&row, &where, NULL) == BAT_OK)
		fuzz_bat_round_trip(&row, rec->nfields);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct textin in;
	struct csvin_options opt = { 0, 0 };

	fuzz_quiet();
	if (textin_open(&in, fuzz_file(data, size)))
		return 0;
	csvin_read(&in, &opt, check_row, NULL);
	textin_close(&in);
	return 0;
}
