/*
 * fuzz-reports.c - reading the tools' reports back (domain/left_out.h:
 * an import's drops; domain/export_chain.h: an export's owners) on any
 * bytes. No crash, no leak; every owner found is found again by its
 * report key, and a description of it is one line.
 */
#include <stdlib.h>
#include <string.h>

#include "domain/export_chain.h"
#include "domain/left_out.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path;
	struct left_out lo;
	struct export_chain c;
	struct strbuf line = STRBUF_INIT;

	fuzz_quiet();
	path = fuzz_file(data, size);
	left_out_init(&lo);
	if (left_out_load(&lo, path) == 0)
		(void)left_out_row(&lo, "a@example.com", "b@example.com", "G");
	left_out_release(&lo);

	export_chain_init(&c);
	if (export_chain_load(&c, path) == 0)
		for (size_t i = 0; i < c.n; i++) {
			strbuf_reset(&line);
			strbuf_addf(&line, "sip:%s", c.owner[i].address);   /* as the report keys it */
			if (export_chain_find(&c, line.buf) != &c.owner[i])
				abort();
			strbuf_reset(&line);
			export_chain_describe(&c.owner[i], &line);
			if (strchr(line.buf, '\n'))
				abort();
		}
	export_chain_release(&c);
	strbuf_release(&line);
	return 0;
}
