/* fuzz-sipuri.c - SIP URIs: a parsed URI parses again to itself. */
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "domain/sipuri.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

	if (!sipuri_parse((const char *)data, size, &a)) {
		if (sipuri_parse(a.buf, a.len, &b) || strcmp(a.buf, b.buf) != 0)
			abort();     /* normalising is not idempotent */
	}
	strbuf_release(&a);
	strbuf_release(&b);
	return 0;
}
