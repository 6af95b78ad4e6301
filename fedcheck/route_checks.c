/*
 * route_checks.c - see route_checks.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/strbuf.h"
#include "base/xalloc.h"
#include "route_checks.h"

/* Top-level domains a reversed pattern starts with and a forward one
 * ends with; any two-letter label counts as a country's. */
static const char *const generic_tlds[] = {
	"com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "io", "local", "corp", "lan",
};

static bool tld_like(const char *label, size_t len)
{
	if (len == 2 && isalpha((unsigned char)label[0]) && isalpha((unsigned char)label[1]))
		return true;
	for (size_t i = 0; i < sizeof(generic_tlds) / sizeof(generic_tlds[0]); i++)
		if (strlen(generic_tlds[i]) == len && strncasecmp(label, generic_tlds[i], len) == 0)
			return true;
	return false;
}

static void subject_of(const struct static_route *r, struct strbuf *out)
{
	strbuf_reset(out);
	strbuf_addf(out, "line %lu %s", r->line, r->pattern);
}

/* The suffix a domain pattern carries after its labels (".*" for
 * interdomain routes). */
static const char *pattern_suffix(const char *pattern)
{
	size_t n = strlen(pattern);

	if (n >= 2 && strcmp(pattern + n - 2, ".*") == 0)
		return ".*";
	if (n >= 1 && pattern[n - 1] == '*')
		return "*";
	return "";
}

static bool known_domain(const struct fed_settings *s, const char *name)
{
	return domain_list_has(&s->domains, name) || domain_list_has(&s->ms_domains, name);
}

static int compare_labels(const void *a, const void *b)
{
	return strcasecmp(*(char *const *)a, *(char *const *)b);
}

/* A name's labels, sorted and joined with '.': the same for any order. */
static void labels_sorted(const char *name, struct strbuf *out)
{
	char *copy = xstrdup(name), *label[128], *save = NULL;
	size_t n = 0;

	for (char *t = strtok_r(copy, ".", &save); t && n < 128; t = strtok_r(NULL, ".", &save))
		label[n++] = t;
	qsort(label, n, sizeof(label[0]), compare_labels);
	strbuf_reset(out);
	for (size_t i = 0; i < n; i++)
		strbuf_addf(out, "%s%s", i ? "." : "", label[i]);
	free(copy);
}

/* The labels of a and b, each sorted: the same multiset? */
static bool same_labels(const char *a, const char *b)
{
	struct strbuf sa = STRBUF_INIT, sb = STRBUF_INIT;
	bool same;

	labels_sorted(a, &sa);
	labels_sorted(b, &sb);
	same = strcasecmp(sa.buf, sb.buf) == 0;
	strbuf_release(&sa);
	strbuf_release(&sb);
	return same;
}

/* A domain of --domains or --ms-domains whose labels the pattern holds
 * in an order that is neither it nor its reversal, or NULL. */
static const char *scrambled_domain(const struct fed_settings *s, const char *labels, const char *reading)
{
	const struct domain_list *lists[] = { &s->domains, &s->ms_domains };

	for (size_t l = 0; l < 2; l++)
		for (size_t i = 0; i < lists[l]->n; i++) {
			const char *d = lists[l]->name[i];
			if (strcasecmp(d, reading) != 0 && strcasecmp(d, labels) != 0 && same_labels(d, labels))
				return d;
		}
	return NULL;
}

static void check_reversed(const struct fed_settings *s, const struct static_route *r,
			   const char *subject, struct findings *out)
{
	struct strbuf labels, reading, want;
	const char *first_end, *last, *scrambled;

	strbuf_init(&labels);
	strbuf_init(&reading);
	strbuf_init(&want);
	if (!route_pattern_labels(r->pattern, &labels)) {
		finding_add(out, "route-reversed", VERDICT_WARN, subject,
			    "names no domain (wildcards inside): cannot tell whether it is reversed");
		goto out;
	}
	labels_reversed(labels.buf, labels.len, &reading);
	first_end = strchr(labels.buf, '.');
	last = strrchr(labels.buf, '.');
	if ((scrambled = scrambled_domain(s, labels.buf, reading.buf))) {
		/* ".co.uk.example" for example.co.uk reads as example.uk.co. */
		domain_reversed(scrambled, &want);
		finding_add(out, "route-reversed", VERDICT_FAIL, subject,
			    "the labels of %s in another order: %s routes %s; write %s%s", scrambled, r->pattern,
			    reading.buf, want.buf, pattern_suffix(r->pattern));
	} else if (known_domain(s, reading.buf) && strcasecmp(reading.buf, labels.buf) != 0) {
		finding_add(out, "route-reversed", VERDICT_PASS, subject, "reversed: routes %s", reading.buf);
	} else if (known_domain(s, labels.buf) ||
		   (last && tld_like(last + 1, strlen(last + 1)) &&
		    !tld_like(labels.buf, (size_t)(first_end - labels.buf)))) {
		finding_add(out, "route-reversed", VERDICT_FAIL, subject,
			    "written forward: %s reads as the domain %s; write .%s%s", r->pattern, labels.buf,
			    reading.buf, pattern_suffix(r->pattern));
	} else if (first_end && tld_like(labels.buf, (size_t)(first_end - labels.buf))) {
		finding_add(out, "route-reversed", VERDICT_PASS, subject,
			    "reversed: routes %s (not one of --domains)", reading.buf);
	} else {
		finding_add(out, "route-reversed", VERDICT_WARN, subject,
			    "cannot tell whether %s is reversed: give its domain in --domains or --ms-domains",
			    r->pattern);
	}
out:
	strbuf_release(&labels);
	strbuf_release(&reading);
	strbuf_release(&want);
}

/* Does the route carry traffic for a Microsoft domain? */
static bool toward_microsoft(const struct fed_settings *s, const struct static_route *r, struct strbuf *tmp)
{
	for (size_t i = 0; i < s->ms_domains.n; i++) {
		domain_reversed(s->ms_domains.name[i], tmp);
		if (route_pattern_match(r->pattern, tmp->buf))
			return true;
	}
	return false;
}

static void check_transport(const struct static_route *r, const char *subject, struct findings *out)
{
	const char *proto = route_protocol_name(r->protocol);

	if (r->protocol == ROUTE_TLS && r->port == 5061)
		finding_add(out, "route-transport", VERDICT_PASS, subject, "TLS on 5061 to %s", r->next_hop);
	else if (r->protocol == ROUTE_TCP && r->port == 5060)
		finding_add(out, "route-transport", VERDICT_WARN, subject,
			    "TCP on 5060 to %s: only OCS accepts it; Lync and Skype for Business need TLS on 5061",
			    r->next_hop);
	else
		finding_add(out, "route-transport", VERDICT_FAIL, subject,
			    "%s on %u to %s: toward Microsoft use TLS on 5061", proto, r->port, r->next_hop);
}

static void check_one_route(const struct fed_settings *s, const struct static_route *r,
			    struct strbuf *tmp, struct findings *out)
{
	struct strbuf subject;
	const char *why;
	size_t at;

	strbuf_init(&subject);
	subject_of(r, &subject);
	if ((why = route_pattern_error(r->pattern, &at))) {
		finding_add(out, "route-syntax", VERDICT_FAIL, subject.buf, "%s (character %zu)", why, at + 1);
	} else {
		finding_add(out, "route-syntax", VERDICT_PASS, subject.buf, "%zu characters", strlen(r->pattern));
		check_reversed(s, r, subject.buf, out);
	}
	if (r->type == ROUTE_DOMAIN)
		finding_add(out, "route-type", VERDICT_PASS, subject.buf, "Domain");
	else
		finding_add(out, "route-type", VERDICT_FAIL, subject.buf,
			    "User: a route to a domain must be of type Domain");
	if (toward_microsoft(s, r, tmp))
		check_transport(r, subject.buf, out);
	strbuf_release(&subject);
}

/* Which route, if any, takes every destination of route b before it. */
static const struct static_route *shadow_of(const struct route_table *t, size_t b, struct strbuf *sample)
{
	const struct static_route *rb = &t->route[b];
	size_t spec_b = route_pattern_specificity(rb->pattern);

	route_pattern_sample(rb->pattern, sample);
	for (size_t a = 0; a < t->n; a++) {
		const struct static_route *ra = &t->route[a];

		if (a == b)
			continue;
		if (strcasecmp(ra->pattern, rb->pattern) == 0) {
			/* Same pattern: a backup or a load share, unless it is the
			 * same next hop again (then the later line is dead). */
			if (a < b && strcasecmp(ra->next_hop, rb->next_hop) == 0 && ra->port == rb->port)
				return ra;
			continue;
		}
		if (route_pattern_match(ra->pattern, sample->buf) &&
		    route_pattern_specificity(ra->pattern) >= spec_b && ra->priority <= rb->priority)
			return ra;
	}
	return NULL;
}

static void check_shadowing(const struct route_table *t, struct findings *out)
{
	struct strbuf sample, subject;
	size_t shadowed = 0;

	strbuf_init(&sample);
	strbuf_init(&subject);
	for (size_t b = 0; b < t->n; b++) {
		const struct static_route *by = shadow_of(t, b, &sample);

		if (!by)
			continue;
		shadowed++;
		subject_of(&t->route[b], &subject);
		if (strcasecmp(by->pattern, t->route[b].pattern) == 0)
			finding_add(out, "route-shadowed", VERDICT_FAIL, subject.buf,
				    "the same pattern, next hop and port as line %lu: never used", by->line);
		else
			finding_add(out, "route-shadowed", VERDICT_FAIL, subject.buf,
				    "line %lu (%s, priority %u) matches its destinations first: never used",
				    by->line, by->pattern, by->priority);
	}
	if (!shadowed)
		finding_add(out, "route-shadowed", VERDICT_PASS, "all routes", "no route shadows another");
	strbuf_release(&sample);
	strbuf_release(&subject);
}

/* The routes IM and Presence would use for one domain: the most
 * specific matching pattern's. */
static void check_domain(const struct route_table *t, const char *domain, struct strbuf *dest,
			 struct findings *out)
{
	const struct static_route *primary = NULL, *backup = NULL;
	size_t best = 0;

	domain_reversed(domain, dest);
	for (size_t i = 0; i < t->n; i++)
		if (route_pattern_match(t->route[i].pattern, dest->buf) &&
		    route_pattern_specificity(t->route[i].pattern) > best)
			best = route_pattern_specificity(t->route[i].pattern);
	for (size_t i = 0; i < t->n; i++) {
		const struct static_route *r = &t->route[i];

		if (!route_pattern_match(r->pattern, dest->buf) || route_pattern_specificity(r->pattern) != best)
			continue;
		if (!primary || r->priority < primary->priority)
			primary = r;
	}
	if (!primary) {
		finding_add(out, "domain-covered", VERDICT_FAIL, domain, "no route matches %s", dest->buf);
		return;
	}
	finding_add(out, "domain-covered", VERDICT_PASS, domain, "line %lu: %s to %s:%u %s", primary->line,
		    primary->pattern, primary->next_hop, primary->port, route_protocol_name(primary->protocol));
	for (size_t i = 0; i < t->n; i++) {
		const struct static_route *r = &t->route[i];

		/* A backup to the same next hop backs nothing up. */
		if (strcasecmp(r->pattern, primary->pattern) == 0 && r->priority > primary->priority &&
		    !(strcasecmp(r->next_hop, primary->next_hop) == 0 && r->port == primary->port) &&
		    (!backup || r->priority < backup->priority))
			backup = r;
	}
	if (backup)
		finding_add(out, "route-backup", VERDICT_PASS, domain,
			    "primary %s:%u (priority %u), backup %s:%u (priority %u, line %lu)", primary->next_hop,
			    primary->port, primary->priority, backup->next_hop, backup->port, backup->priority,
			    backup->line);
	else
		finding_add(out, "route-backup", VERDICT_WARN, domain,
			    "only priority %u (%s:%u): no backup route to another next hop with a higher "
			    "priority number", primary->priority, primary->next_hop, primary->port);
}

void route_checks(const struct fed_settings *s, const struct route_table *t, struct findings *out)
{
	struct strbuf tmp;

	strbuf_init(&tmp);
	for (size_t i = 0; i < t->n; i++)
		check_one_route(s, &t->route[i], &tmp, out);
	check_shadowing(t, out);
	if (s->ms_domains.n == 0)
		finding_add(out, "domain-covered", VERDICT_WARN, "all routes",
			    "no --domains or --ms-domains: which domains need a route is unknown");
	for (size_t i = 0; i < s->ms_domains.n; i++)
		check_domain(t, s->ms_domains.name[i], &tmp, out);
	strbuf_release(&tmp);
}
