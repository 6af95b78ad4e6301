/*
 * static_route.h - IM and Presence static routes: the export an
 * administrator downloads (CSV with a header; columns found by name,
 * extra ones ignored)
 *
 *     Destination Pattern,Next Hop,Next Hop Port,Route Type,Protocol Type,Priority,Weight
 *
 * and the server's destination patterns: a domain written reversed
 * (".com.example" routes example.com), where "." matches any one
 * character, "*" any run of characters (none included) and "\*" a star;
 * at most 255 characters; compared without regard to case.
 *
 * Loading is strict: a missing column, an empty pattern or next hop, a
 * port, priority or weight that is not a whole number in range (1-65535,
 * 1-65535, 0-65535), or a route or protocol type IM and Presence does not
 * have is 65 naming file and line. Whether a pattern is well written is
 * not a loading matter but a check (route_pattern_error), so that one bad
 * pattern is reported next to everything else.
 *
 * Ownership: the table owns its routes and their strings.
 */
#ifndef UCMIG_STATIC_ROUTE_H
#define UCMIG_STATIC_ROUTE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/strbuf.h"

#define ROUTE_PATTERN_MAX 255

enum route_type { ROUTE_USER, ROUTE_DOMAIN };
enum route_protocol { ROUTE_UDP, ROUTE_TCP, ROUTE_TLS };

struct static_route {
	char *pattern, *next_hop;
	unsigned port, priority, weight;
	enum route_type type;
	enum route_protocol protocol;
	unsigned long line;          /* where it is in the file */
};

struct route_table {
	struct static_route *route;
	size_t n, alloc;
};

void route_table_init(struct route_table *t);
void route_table_free(struct route_table *t);
/* Read the export at path ("-" is standard input). 0, or 65/66. */
int route_table_load(struct route_table *t, const char *path);

const char *route_protocol_name(enum route_protocol p);

/* NULL if pattern is well written, else why not, with *at the offset of
 * the offending character. */
const char *route_pattern_error(const char *pattern, size_t *at);
/* Does pattern match the destination text (whole, without case)? */
bool route_pattern_match(const char *pattern, const char *text);
/* How many characters a match pins down: all but the wildcards "*".
 * Of two patterns matching a destination, the more specific wins. */
size_t route_pattern_specificity(const char *pattern);
/* A destination the pattern matches, each "*" standing for one
 * character no domain has ('#'), so that it is matched only by patterns
 * at least as general there. */
void route_pattern_sample(const char *pattern, struct strbuf *out);

/* "example.com" -> ".com.example", the pattern that routes the domain. */
void domain_reversed(const char *domain, struct strbuf *out);
/* "com.example" -> "example.com": labels in the other order. */
void labels_reversed(const char *labels, size_t len, struct strbuf *out);
/* The labels a domain pattern names, as written: "com.example" for
 * ".com.example" or ".com.example.*"; false when the pattern has
 * wildcards elsewhere or names no label. */
bool route_pattern_labels(const char *pattern, struct strbuf *labels);

#endif
