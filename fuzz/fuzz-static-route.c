/*
 * fuzz-static-route.c - the IM and Presence static route export
 * (domain/static_route.h) from any bytes: no crash, no leak; every route
 * it accepts has its numbers in range, and each pattern, well written or
 * not, can be checked, sampled and matched against its own sample.
 */
#include <stdlib.h>

#include "domain/static_route.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct route_table t;
	struct strbuf sample, labels;

	fuzz_quiet();
	route_table_init(&t);
	strbuf_init(&sample);
	strbuf_init(&labels);
	if (!route_table_load(&t, fuzz_file(data, size))) {
		for (size_t i = 0; i < t.n; i++) {
			const struct static_route *r = &t.route[i];
			size_t at;

			if (r->port < 1 || r->port > 65535 || r->priority < 1 || r->priority > 65535 ||
			    r->weight > 65535 || !*r->pattern || !*r->next_hop)
				abort();
			if (route_pattern_error(r->pattern, &at))
				continue;
			route_pattern_sample(r->pattern, &sample);
			if (!route_pattern_match(r->pattern, sample.buf))
				abort();    /* a pattern matches its own sample */
			route_pattern_labels(r->pattern, &labels);
		}
	}
	strbuf_release(&sample);
	strbuf_release(&labels);
	route_table_free(&t);
	return 0;
}
