/*
 * csv_header.h - find named columns in a CSV header line, for exports
 * whose columns are known by name, not by place (IM and Presence static
 * routes, Expressway search rules): a column may move, extra columns are
 * ignored, and a missing one is an error naming the file and line.
 *
 * Names compare without regard to case or surrounding spaces. A column
 * the caller marks optional gets CSV_COLUMN_ABSENT when it is not there.
 *
 * Ownership: nothing is allocated; the caller owns the arrays.
 */
#ifndef UCMIG_CSV_HEADER_H
#define UCMIG_CSV_HEADER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/csvin.h"

#define CSV_COLUMN_ABSENT ((size_t)-1)

struct csv_column {
	const char *name;    /* as the export writes it: "Next Hop Port" */
	bool optional;
};

/* Map columns[0, n) to their field index in rec (the header), into
 * index[0, n). Returns 0, or 65 naming what (a "static route export")
 * and the first missing or repeated column. */
int csv_header_map(const struct csv_record *rec, const struct csv_column *columns, size_t n,
		   const char *what, size_t *index);

/* The field of column i of rec, or "" when it is absent or past the
 * record's end. */
const char *csv_field(const struct csv_record *rec, const size_t *index, size_t i);

/* Called for each record after the header, with the columns' indexes. */
typedef int (*csv_row_fn)(const struct csv_record *rec, const size_t *index, void *data);

/* Read the file at path ("-": standard input; textin's decoding), map
 * its header to columns[0, n) (n <= CSVIN_MAX_FIELDS), and hand every
 * other record to fn. 0, fn's status, or 65/66 (an empty file: "empty:
 * no header, no ROWS"). */
int csv_read_named(const char *path, const struct csv_column *columns, size_t n, const char *what,
		   const char *rows, csv_row_fn fn, void *data);

/* The index of value among words[0, n) without regard to case, or -1. */
int csv_word(const char *value, const char *const *words, size_t n);

#endif
