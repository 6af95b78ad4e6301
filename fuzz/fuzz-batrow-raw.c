/*
 * fuzz-batrow-raw.c - BAT rows from any bytes, not only what the CSV
 * reader lets through (export builds rows from XML and SQL): the input is
 * the fields separated by NUL bytes. A row bat_row_validate accepts is
 * written and read back, and must come back field for field.
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
			abort();
	r->seen = true;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1), *buf = NULL;
	struct bat_row row = { { 0 } };
	size_t n = 0, len = 0;
	enum bat_field where;
	struct textin in;
	FILE *out;
	int fds[2];

	fuzz_quiet();
	if (size > 8192) {
		free(copy);
		return 0;
	}
	memcpy(copy, data, size);
	copy[size] = '\0';
	for (char *p = copy; n < 7 && p <= copy + size; p += strlen(p) + 1)
		row.field[n++] = p;
	if (n < 6 || bat_row_validate(&row, &where, NULL) != BAT_OK) {
		free(copy);
		return 0;
	}
	struct round r = { &row, n, false };
	out = open_memstream(&buf, &len);
	bat_row_write(out, &row, n == 7);
	fclose(out);
	if (pipe(fds) != 0 || write(fds[1], buf, len) != (ssize_t)len)
		abort();
	close(fds[1]);
	textin_from_fd(&in, fds[0], "round trip");
	struct csvin_options opt = { 6, 7 };
	if (csvin_read(&in, &opt, compare, &r) != 0 || !r.seen)
		abort();
	textin_close(&in);
	free(buf);
	free(copy);
	return 0;
}
