/*
 * rename_filter.h - the rename filter: BAT contact CSV in, the same rows out,
 * with every contact in the map renamed (Contact ID and Contact Domain),
 * and with --owners every owner too (User ID and User Domain).
 *
 * Rules:
 *   - Rows stay in order. A row with nothing to rename is written byte
 *     for byte as it came; in a renamed row only the renamed fields
 *     change (quoted as RFC 4180 needs), the others keep their bytes,
 *     and the line keeps its ending (LF or CRLF). A byte order mark,
 *     a header line and blank lines pass through.
 *   - Streaming: memory is the map and one read buffer, whatever the
 *     input's size. A line longer than FILTER_MAX_LINE is refused.
 *   - UTF-8 only (UTF-16 cannot come out byte for byte): a UTF-16 byte
 *     order mark is 65 with advice. A record that is not 6 or 7 fields,
 *     or a stray or unterminated quote, is 65 naming the line; what was
 *     written before it stays on standard output (write to a file with
 *     -o to get nothing on failure).
 *   - Rows are not checked field by field here (import does that);
 *     the map's addresses were checked when it was read.
 */
#ifndef UCMIG_RENAME_FILTER_H
#define UCMIG_RENAME_FILTER_H

#include <stdbool.h>
#include <stdio.h>

#include "domain/rename_map.h"

#define FILTER_MAX_LINE (1 << 20)

struct filter_stats {
	unsigned long long rows, bytes;
	unsigned long contacts_renamed, owners_renamed;
	unsigned long *uses;         /* per map entry: rows it renamed */
};

/* Filter fd (named name in messages) to out. Returns 0 or an exit status. */
int filter_run(const struct rename_map *map, bool owners, int fd, const char *name, FILE *out,
	       struct filter_stats *st);

#endif
