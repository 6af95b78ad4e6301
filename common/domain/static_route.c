/*
 * static_route.c - see static_route.h.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv_header.h"
#include "base/exitcode.h"
#include "base/grow.h"
#include "base/msg.h"
#include "domain/domain_list.h"
#include "domain/static_route.h"

enum { COL_PATTERN, COL_NEXT_HOP, COL_PORT, COL_TYPE, COL_PROTOCOL, COL_PRIORITY, COL_WEIGHT,
       COL_COUNT };

static const struct csv_column columns[COL_COUNT] = {
	[COL_PATTERN] = { "Destination Pattern" },
	[COL_NEXT_HOP] = { "Next Hop" },
	[COL_PORT] = { "Next Hop Port" },
	[COL_TYPE] = { "Route Type" },
	[COL_PROTOCOL] = { "Protocol Type" },
	[COL_PRIORITY] = { "Priority" },
	[COL_WEIGHT] = { "Weight" },
};

/* The numeric columns and their ranges, as IM and Presence accepts them. */
static const struct {
	int column;
	unsigned min, max;
	size_t offset;
} numbers[] = {
	{ COL_PORT, 1, 65535, offsetof(struct static_route, port) },
	{ COL_PRIORITY, 1, 65535, offsetof(struct static_route, priority) },
	{ COL_WEIGHT, 0, 65535, offsetof(struct static_route, weight) },
};

static const char *const type_names[] = { [ROUTE_USER] = "User", [ROUTE_DOMAIN] = "Domain" };
static const char *const protocol_names[] = { [ROUTE_UDP] = "UDP", [ROUTE_TCP] = "TCP",
					      [ROUTE_TLS] = "TLS" };

const char *route_protocol_name(enum route_protocol p)
{
	return protocol_names[p];
}

void route_table_init(struct route_table *t)
{
	memset(t, 0, sizeof(*t));
}

void route_table_free(struct route_table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->route[i].pattern);
		free(t->route[i].next_hop);
	}
	free(t->route);
	route_table_init(t);
}

static bool whole_number(const char *s, unsigned min, unsigned max, unsigned *out)
{
	unsigned long v = 0;

	if (!*s)
		return false;
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s) || (v = v * 10 + (unsigned)(*s - '0')) > max)
			return false;
	}
	if (v < min)
		return false;
	*out = (unsigned)v;
	return true;
}

/* A host name or a dotted IPv4 address: "fe1 evil" is neither. */
static bool next_hop_valid(const char *v)
{
	struct in_addr a;

	return domain_name_valid(v, strlen(v)) || inet_pton(AF_INET, v, &a) == 1;
}

static int on_route(const struct csv_record *rec, const size_t *index, void *data)
{
	struct route_table *t = data;
	struct static_route r = { .line = rec->line };
	const char *v;
	int which;

	for (size_t i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
		v = csv_field(rec, index, (size_t)numbers[i].column);
		if (!whole_number(v, numbers[i].min, numbers[i].max,
				  (unsigned *)((char *)&r + numbers[i].offset)))
			return fail(UCMIG_EX_DATAERR, "%s:%lu: %s '%s' is not a whole number from %u to %u",
				    rec->file, rec->line, columns[numbers[i].column].name, v, numbers[i].min,
				    numbers[i].max);
	}
	v = csv_field(rec, index, COL_TYPE);
	if ((which = csv_word(v, type_names, 2)) < 0)
		return fail(UCMIG_EX_DATAERR, "%s:%lu: Route Type '%s' is not Domain or User", rec->file,
			    rec->line, v);
	r.type = (enum route_type)which;
	v = csv_field(rec, index, COL_PROTOCOL);
	if ((which = csv_word(v, protocol_names, 3)) < 0)
		return fail(UCMIG_EX_DATAERR, "%s:%lu: Protocol Type '%s' is not TLS, TCP or UDP",
			    rec->file, rec->line, v);
	r.protocol = (enum route_protocol)which;
	if (!*csv_field(rec, index, COL_PATTERN) || !*csv_field(rec, index, COL_NEXT_HOP))
		return fail(UCMIG_EX_DATAERR, "%s:%lu: %s is empty", rec->file, rec->line,
			    *csv_field(rec, index, COL_PATTERN) ? "Next Hop" : "Destination Pattern");
	v = csv_field(rec, index, COL_NEXT_HOP);
	if (!next_hop_valid(v))
		return fail(UCMIG_EX_DATAERR, "%s:%lu: Next Hop '%s' is not a host name or an IPv4 address", rec->file,
			    rec->line, v);
	r.pattern = xstrdup(csv_field(rec, index, COL_PATTERN));
	r.next_hop = xstrdup(csv_field(rec, index, COL_NEXT_HOP));
	GROW(t->route, t->n + 1, t->alloc);
	t->route[t->n++] = r;
	return 0;
}

int route_table_load(struct route_table *t, const char *path)
{
	return csv_read_named(path, columns, COL_COUNT, "static route export", "routes", on_route, t);
}

/* Characters a domain pattern may hold besides the wildcards. */
static bool pattern_char(int c)
{
	return isalnum(c) || c == '-' || c == '.' || c == '_';
}

const char *route_pattern_error(const char *pattern, size_t *at)
{
	size_t n = strlen(pattern);

	*at = 0;
	if (n == 0)
		return "empty";
	if (n > ROUTE_PATTERN_MAX) {
		*at = ROUTE_PATTERN_MAX;
		return "longer than 255 characters";
	}
	for (size_t i = 0; i < n; i++) {
		*at = i;
		if (pattern[i] == '\\') {
			if (pattern[i + 1] != '*')
				return "'\\' escapes nothing but '*'";
			i++;
		} else if (pattern[i] != '*' && !pattern_char((unsigned char)pattern[i])) {
			return "a character patterns do not have";
		}
	}
	return NULL;
}

/* One pattern element at p: its length in the pattern, and whether it is
 * the "*" wildcard; *literal gets what it matches otherwise ('.' = any). */
static size_t element(const char *p, bool *star, char *literal)
{
	*star = false;
	if (p[0] == '\\' && p[1] == '*') {
		*literal = '*';
		return 2;
	}
	if (p[0] == '*') {
		*star = true;
		return 1;
	}
	*literal = p[0];
	return 1;
}

/* Glob matching without recursion: on a mismatch, go back to the last
 * star and let it take one more character. */
bool route_pattern_match(const char *pattern, const char *text)
{
	const char *p = pattern, *t = text, *star_p = NULL, *star_t = NULL;
	bool star;
	char lit;
	size_t len;

	while (*t) {
		if (*p) {
			len = element(p, &star, &lit);
			if (star) {
				star_p = p + len;
				star_t = t;
				p += len;
				continue;
			}
			if (lit == '.' || tolower((unsigned char)lit) == tolower((unsigned char)*t)) {
				p += len;
				t++;
				continue;
			}
		}
		if (!star_p)
			return false;
		p = star_p;
		t = ++star_t;
	}
	while (*p == '*')
		p++;
	return *p == '\0';
}

size_t route_pattern_specificity(const char *pattern)
{
	size_t n = 0, len;
	bool star;
	char lit;

	for (const char *p = pattern; *p; p += len) {
		len = element(p, &star, &lit);
		n += !star;
	}
	return n;
}

void route_pattern_sample(const char *pattern, struct strbuf *out)
{
	size_t len;
	bool star;
	char lit;

	strbuf_reset(out);
	for (const char *p = pattern; *p; p += len) {
		len = element(p, &star, &lit);
		strbuf_addch(out, star ? '#' : lit);
	}
}

void labels_reversed(const char *labels, size_t len, struct strbuf *out)
{
	size_t end = len;

	strbuf_reset(out);
	while (end > 0) {
		size_t start = end;

		while (start > 0 && labels[start - 1] != '.')
			start--;
		if (out->len)
			strbuf_addch(out, '.');
		strbuf_add(out, labels + start, end - start);
		end = start ? start - 1 : 0;
	}
}

void domain_reversed(const char *domain, struct strbuf *out)
{
	struct strbuf labels;

	strbuf_init(&labels);
	labels_reversed(domain, strlen(domain), &labels);
	strbuf_reset(out);
	strbuf_addch(out, '.');
	strbuf_addstr(out, labels.buf);
	strbuf_release(&labels);
}

bool route_pattern_labels(const char *pattern, struct strbuf *labels)
{
	size_t n = strlen(pattern);

	strbuf_reset(labels);
	if (n >= 2 && strcmp(pattern + n - 2, ".*") == 0)
		n -= 2;
	else if (n >= 1 && pattern[n - 1] == '*' && (n < 2 || pattern[n - 2] != '\\'))
		n -= 1;
	if (n && pattern[0] == '.') {
		pattern++;
		n--;
	}
	if (n == 0 || pattern[0] == '.' || pattern[n - 1] == '.')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!pattern_char((unsigned char)pattern[i]) || (pattern[i] == '.' && pattern[i + 1] == '.'))
			return false;
	strbuf_add(labels, pattern, n);
	return true;
}
