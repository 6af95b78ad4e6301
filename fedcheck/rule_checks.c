/*
 * rule_checks.c - see rule_checks.h.
 */
#include <stdio.h>
#include <string.h>

#include "base/strbuf.h"
#include "rule_checks.h"

static void check_regex(const struct search_rule *r, const char *subject, struct findings *out)
{
	struct strbuf why, fixed;
	regex_t re;

	strbuf_init(&why);
	strbuf_init(&fixed);
	if (search_rule_compile(r->pattern, &re, &why)) {
		finding_add(out, "rule-regex", VERDICT_FAIL, subject, "%s does not compile: %s", r->pattern,
			    why.buf);
		goto out;
	}
	regfree(&re);
	finding_add(out, "rule-regex", VERDICT_PASS, subject, "%s compiles", r->pattern);
	if (search_rule_escape_dots(r->pattern, &fixed))
		finding_add(out, "rule-dots", VERDICT_WARN, subject,
			    "unescaped '.' in a domain matches any character: write %s", fixed.buf);
	else
		finding_add(out, "rule-dots", VERDICT_PASS, subject, "dots in domains escaped");
out:
	strbuf_release(&why);
	strbuf_release(&fixed);
}

/* The enabled rule of lowest priority number matching the FQDN as the
 * host of an alias or on its own. */
static void check_fed_fqdn(const char *fqdn, const struct rule_set *rules, struct findings *out)
{
	const struct search_rule *best = NULL;
	struct strbuf alias;

	strbuf_init(&alias);
	strbuf_addf(&alias, "ucmig-fedcheck@%s", fqdn);
	for (size_t i = 0; i < rules->n; i++) {
		const struct search_rule *r = &rules->rule[i];

		if ((search_rule_matches(r, fqdn) || search_rule_matches(r, alias.buf)) &&
		    (!best || r->priority < best->priority))
			best = r;
	}
	if (best)
		finding_add(out, "rule-fed-fqdn", VERDICT_PASS, fqdn, "rule '%s' (line %lu, priority %u) sends it to %s",
			    best->name, best->line, best->priority, best->target);
	else {
		search_rule_escape_dots(fqdn, &alias);
		finding_add(out, "rule-fed-fqdn", VERDICT_FAIL, fqdn,
			    "no enabled rule matches it: add .*%s.* toward the IM and Presence neighbour zone",
			    alias.buf);
	}
	strbuf_release(&alias);
}

void rule_checks(const struct fed_settings *s, const struct rule_set *rules, struct findings *out)
{
	struct strbuf subject;

	strbuf_init(&subject);
	for (size_t i = 0; i < rules->n; i++) {
		const struct search_rule *r = &rules->rule[i];

		if (r->mode != MODE_PATTERN || r->type != PATTERN_REGEX)
			continue;
		strbuf_reset(&subject);
		strbuf_addf(&subject, "line %lu %s", r->line, r->name);
		check_regex(r, subject.buf, out);
	}
	if (s->fed_fqdn)
		check_fed_fqdn(s->fed_fqdn, rules, out);
	strbuf_release(&subject);
}
