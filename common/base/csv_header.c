/*
 * csv_header.c - see csv_header.h.
 */
#include <string.h>
#include <strings.h>

#include "base/csv_header.h"
#include "base/exitcode.h"
#include "base/msg.h"
#include "base/strbuf.h"

static bool same_name(const char *field, size_t len, const char *name)
{
	span_trim(&field, &len);
	return len == strlen(name) && strncasecmp(field, name, len) == 0;
}

int csv_header_map(const struct csv_record *rec, const struct csv_column *columns, size_t n,
		   const char *what, size_t *index)
{
	for (size_t c = 0; c < n; c++) {
		index[c] = CSV_COLUMN_ABSENT;
		for (size_t f = 0; f < rec->nfields; f++) {
			if (!same_name(rec->field[f], rec->len[f], columns[c].name))
				continue;
			if (index[c] != CSV_COLUMN_ABSENT)
				return fail(UCMIG_EX_DATAERR, "%s:%lu: column '%s' appears twice in the header",
					    rec->file, rec->line, columns[c].name);
			index[c] = f;
		}
		if (index[c] == CSV_COLUMN_ABSENT && !columns[c].optional)
			return fail(UCMIG_EX_DATAERR, "%s:%lu: not a %s: the header has no column '%s'",
				    rec->file, rec->line, what, columns[c].name);
	}
	return 0;
}

const char *csv_field(const struct csv_record *rec, const size_t *index, size_t i)
{
	if (index[i] == CSV_COLUMN_ABSENT || index[i] >= rec->nfields)
		return "";
	return rec->field[index[i]];
}
