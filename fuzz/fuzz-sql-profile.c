/* fuzz-sql-profile.c - SQL profiles (--profile is user input). */
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "mssql/sql_profile.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sql_profile p;
	struct strbuf out = STRBUF_INIT;
	char *text = malloc(size + 1);

	fuzz_quiet();
	memcpy(text, data, size);
	text[size] = '\0';
	if (!sql_profile_parse(&p, text, "fuzz")) {
		for (size_t q = 0; q < p.nqueries; q++)
			sql_profile_expand(p.query[q].text, 3, &out);
	}
	sql_profile_free(&p);
	strbuf_release(&out);
	free(text);
	return 0;
}
