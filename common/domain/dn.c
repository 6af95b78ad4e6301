/*
 * dn.c - see dn.h. A recursive-descent walk over RFC 4514's grammar:
 * rdn *("," rdn), rdn = atav *("+" atav), atav = type "=" value.
 */
#include "domain/dn.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "base/utf8.h"

struct walk {
	const char *p, *end;
};

static bool is_alpha(int c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_hex(int c) { return is_digit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'); }

static void skip_spaces(struct walk *w)
{
	while (w->p < w->end && *w->p == ' ')
		w->p++;
}

/* descr = ALPHA *(ALPHA / DIGIT / "-"); numericoid = number 1*("." number) */
static const char *attribute_type(struct walk *w)
{
	const char *start = w->p;

	if (w->p < w->end && is_alpha(*w->p)) {
		while (w->p < w->end && (is_alpha(*w->p) || is_digit(*w->p) || *w->p == '-'))
			w->p++;
		return NULL;
	}
	while (w->p < w->end && (is_digit(*w->p) || *w->p == '.'))
		w->p++;
	if (w->p == start)
		return "attribute type missing";
	if (start[0] == '.' || w->p[-1] == '.' || memchr(start, '.', (size_t)(w->p - start)) == NULL)
		return "malformed numeric attribute type";
	for (const char *q = start + 1; q < w->p; q++)
		if (q[0] == '.' && q[-1] == '.')
			return "malformed numeric attribute type";
	return NULL;
}

static const char *hex_value(struct walk *w)
{
	const char *start = ++w->p;      /* after '#' */

	while (w->end - w->p >= 2 && is_hex(w->p[0]) && is_hex(w->p[1]))
		w->p += 2;
	if (w->p == start)
		return "empty '#' hex value";
	return NULL;
}

/* A string value, up to an unescaped ',' or '+' (or the end). Trailing
 * unescaped spaces are separators' padding, not part of the value. */
static const char *string_value(struct walk *w)
{
	static const char special[] = "\"+,;<>\\";
	const char *start = w->p;

	while (w->p < w->end && *w->p != ',' && *w->p != '+') {
		unsigned char c = (unsigned char)*w->p;
		if (c == '\\') {
			if (w->end - w->p >= 3 && is_hex(w->p[1]) && is_hex(w->p[2]))
				w->p += 3;
			else if (w->end - w->p >= 2 && (strchr(special, w->p[1]) || w->p[1] == ' ' ||
							 w->p[1] == '#' || w->p[1] == '='))
				w->p += 2;
			else
				return "bad escape in value";
			continue;
		}
		if (c == '\0' || strchr(special, c))
			return "unescaped special character in value";
		w->p++;
	}
	if (w->p == start)
		return "empty attribute value";
	return NULL;
}

static const char *attribute_type_and_value(struct walk *w)
{
	const char *why;

	skip_spaces(w);
	if ((why = attribute_type(w)))
		return why;
	skip_spaces(w);
	if (w->p == w->end || *w->p != '=')
		return "'=' missing after attribute type";
	w->p++;
	skip_spaces(w);
	if (w->p < w->end && *w->p == '#')
		why = hex_value(w);
	else
		why = string_value(w);
	skip_spaces(w);
	return why;
}

bool dn_is_domain_root(const char *dn)
{
	/* Each RDN, separated by unescaped commas, must start with "dc=". */
	const char *p = dn;

	for (;;) {
		while (*p == ' ')
			p++;
		if (strncasecmp(p, "dc", 2) != 0)
			return false;
		p += 2;
		while (*p == ' ')
			p++;
		if (*p != '=')
			return false;
		for (p++; *p && *p != ',' && *p != '+'; p++)
			if (*p == '\\' && p[1])
				p++;
		if (*p == '+')
			return false;
		if (!*p)
			return true;
		p++;
	}
}

const char *dn_syntax_check(const char *s, size_t len)
{
	struct walk w = { s, s + len };
	const char *why;

	if (len == 0)
		return "empty distinguished name";
	if (!utf8_valid(s, len))
		return "invalid UTF-8";
	for (;;) {
		if ((why = attribute_type_and_value(&w)))
			return why;
		if (w.p == w.end)
			return NULL;
		if (*w.p != ',' && *w.p != '+')
			return "',' or '+' expected between attributes";
		w.p++;
	}
}
