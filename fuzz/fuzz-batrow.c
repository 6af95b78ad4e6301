/*
 * fuzz-batrow.c - BAT contact rows round trip: a CSV record that passes
 * bat_row_validate is written with bat_row_write and read back with the
 * CSV reader, and must come back field for field.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/csvin.h"
#include "base/textin.h"
#include "domain/batrow.h"
#include "fuzz.h"

struct round {
	const struct bat_row *row;
	size_t nfields;
	bool seen;
};

static int compare(const struct csv_record *rec, void *data)
{
	struct round *r = data;

	if (rec->nfields != r->nfields)
		abort();
	for (size_t i = 0; i < rec->nfields; i++)
		if (strcmp(rec->field[i], r->row->field[i] ? r->row->field[i] : "") != 0)
			abort();     /* written and read back differ */
	r->seen = true;
	return 0;
}

static int check_row(const struct csv_record *rec, void *data)
{
	struct bat_row row = { { 0 } };
	enum bat_field where;
	char *buf = NULL;
	size_t len = 0;
	FILE *out;
	struct textin in;
	struct round r = { &row, rec->nfields, false };

	(void)data;
	if (rec->nfields < 6 || rec->nfields > 7)
		return 0;
	for (size_t i = 0; i < rec->nfields; i++)
		row.field[i] = rec->field[i];
	if (bat_row_validate(&row, &where, NULL) != BAT_OK)
		return 0;
	out = open_memstream(&buf, &len);
	bat_row_write(out, &row, rec->nfields == 7);
	fclose(out);
	int fds[2];
	if (pipe(fds) != 0 || write(fds[1], buf, len) != (ssize_t)len)
		abort();
	close(fds[1]);
	textin_from_fd(&in, fds[0], "round trip");
	struct csvin_options opt = { 6, 7 };
	if (csvin_read(&in, &opt, compare, &r) != 0 || !r.seen)
		abort();     /* a valid row was written as something unreadable */
	textin_close(&in);     /* closes fds[0] */
	free(buf);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct textin in;
	struct csvin_options opt = { 0, 0 };

	fuzz_quiet();
	if (size > 65536)      /* one pipe buffer: rows are short */
		return 0;
	if (textin_open(&in, fuzz_file(data, size)))
		return 0;
	csvin_read(&in, &opt, check_row, NULL);
	textin_close(&in);
	return 0;
}
