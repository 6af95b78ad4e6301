/*
 * fuzz-search-rule.c - Expressway search rules (domain/search_rule.h)
 * from any bytes: no crash, no leak; each rule's pattern is compiled,
 * matched and has its dots escaped, and escaping twice changes nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "domain/search_rule.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rule_set s;
	struct strbuf fixed, again, why;
	regex_t re;

	fuzz_quiet();
	rule_set_init(&s);
	strbuf_init(&fixed);
	strbuf_init(&again);
	strbuf_init(&why);
	if (!rule_set_load(&s, fuzz_file(data, size))) {
		for (size_t i = 0; i < s.n; i++) {
			const struct search_rule *r = &s.rule[i];

			if (r->priority < 1 || r->priority > 65534)
				abort();
			if (search_rule_compile(r->pattern, &re, &why) == 0)
				regfree(&re);
			search_rule_matches(r, "alice@example.com");
			search_rule_escape_dots(r->pattern, &fixed);
			if (search_rule_escape_dots(fixed.buf, &again) || strcmp(fixed.buf, again.buf) != 0)
				abort();
		}
	}
	strbuf_release(&fixed);
	strbuf_release(&again);
	strbuf_release(&why);
	rule_set_free(&s);
	return 0;
}
