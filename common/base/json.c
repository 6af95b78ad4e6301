/*
 * json.c - see json.h.
 */
#include "base/json.h"

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/xalloc.h"

struct parser {
	const char *s, *end, *start;
	const char *why;
	int depth;
};

static void skip_space(struct parser *p)
{
	while (p->s < p->end && (*p->s == ' ' || *p->s == '\t' || *p->s == '\n' || *p->s == '\r'))
		p->s++;
}

static bool failed(struct parser *p, const char *why)
{
	if (!p->why)
		p->why = why;
	return false;
}

static int hex4(const char *s)
{
	int v = 0;

	for (int i = 0; i < 4; i++) {
		char c = s[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

static void add_utf8(struct strbuf *b, unsigned cp)
{
	if (cp < 0x80) {
		strbuf_addch(b, (char)cp);
	} else if (cp < 0x800) {
		strbuf_addch(b, (char)(0xC0 | cp >> 6));
		strbuf_addch(b, (char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		strbuf_addch(b, (char)(0xE0 | cp >> 12));
		strbuf_addch(b, (char)(0x80 | (cp >> 6 & 0x3F)));
		strbuf_addch(b, (char)(0x80 | (cp & 0x3F)));
	} else {
		strbuf_addch(b, (char)(0xF0 | cp >> 18));
		strbuf_addch(b, (char)(0x80 | (cp >> 12 & 0x3F)));
		strbuf_addch(b, (char)(0x80 | (cp >> 6 & 0x3F)));
		strbuf_addch(b, (char)(0x80 | (cp & 0x3F)));
	}
}

/* A \uXXXX escape (and its low surrogate) at p->s, just after the 'u'. */
static bool parse_unicode(struct parser *p, struct strbuf *b)
{
	int hi, lo;

	if (p->end - p->s < 4 || (hi = hex4(p->s)) < 0)
		return failed(p, "bad \\u escape");
	p->s += 4;
	if (hi >= 0xDC00 && hi <= 0xDFFF)
		return failed(p, "lone low surrogate");
	if (hi >= 0xD800 && hi <= 0xDBFF) {
		if (p->end - p->s < 6 || p->s[0] != '\\' || p->s[1] != 'u' ||
		    (lo = hex4(p->s + 2)) < 0xDC00 || lo > 0xDFFF)
			return failed(p, "high surrogate without its low one");
		p->s += 6;
		add_utf8(b, 0x10000 + (((unsigned)hi - 0xD800) << 10) + ((unsigned)lo - 0xDC00));
		return true;
	}
	if (hi == 0)
		return failed(p, "\\u0000 in a string");
	add_utf8(b, (unsigned)hi);
	return true;
}

static bool parse_string(struct parser *p, char **out)
{
	struct strbuf b = STRBUF_INIT;

	p->s++;                                  /* the opening quote */
	while (p->s < p->end && *p->s != '"') {
		unsigned char c = (unsigned char)*p->s;

		if (c < 0x20) {
			strbuf_release(&b);
			return failed(p, "control character in a string");
		}
		if (c != '\\') {
			strbuf_addch(&b, (char)c);
			p->s++;
			continue;
		}
		if (++p->s >= p->end)
			break;
		switch (*p->s++) {
		case '"': strbuf_addch(&b, '"'); break;
		case '\\': strbuf_addch(&b, '\\'); break;
		case '/': strbuf_addch(&b, '/'); break;
		case 'b': strbuf_addch(&b, '\b'); break;
		case 'f': strbuf_addch(&b, '\f'); break;
		case 'n': strbuf_addch(&b, '\n'); break;
		case 'r': strbuf_addch(&b, '\r'); break;
		case 't': strbuf_addch(&b, '\t'); break;
		case 'u':
			if (parse_unicode(p, &b))
				break;
			strbuf_release(&b);
			return false;
		default:
			strbuf_release(&b);
			return failed(p, "unknown escape");
		}
	}
	if (p->s >= p->end) {
		strbuf_release(&b);
		return failed(p, "unterminated string");
	}
	p->s++;
	if (!utf8_valid(b.buf, b.len)) {
		strbuf_release(&b);
		return failed(p, "invalid UTF-8 in a string");
	}
	*out = strbuf_detach(&b);
	return true;
}

static bool parse_number(struct parser *p, double *out)
{
	const char *s = p->s;
	char buf[64];
	size_t n;

	if (s < p->end && *s == '-')
		s++;
	if (s >= p->end || *s < '0' || *s > '9')
		return failed(p, "bad number");
	if (*s == '0')
		s++;
	else
		while (s < p->end && *s >= '0' && *s <= '9')
			s++;
	if (s < p->end && *s == '.') {
		if (++s >= p->end || *s < '0' || *s > '9')
			return failed(p, "bad number");
		while (s < p->end && *s >= '0' && *s <= '9')
			s++;
	}
	if (s < p->end && (*s == 'e' || *s == 'E')) {
		s++;
		if (s < p->end && (*s == '+' || *s == '-'))
			s++;
		if (s >= p->end || *s < '0' || *s > '9')
			return failed(p, "bad number");
		while (s < p->end && *s >= '0' && *s <= '9')
			s++;
	}
	n = (size_t)(s - p->s);
	if (n >= sizeof(buf))
		return failed(p, "number too long");
	memcpy(buf, p->s, n);
	buf[n] = '\0';
	*out = strtod(buf, NULL);
	p->s = s;
	return true;
}

static bool parse_value(struct parser *p, struct json_value *v);

static bool parse_items(struct parser *p, struct json_value *v, char close, bool members)
{
	struct json_value **tail = &v->child;

	p->s++;
	skip_space(p);
	if (p->s < p->end && *p->s == close) {
		p->s++;
		return true;
	}
	for (;;) {
		struct json_value *item = xcalloc(1, sizeof(*item));

		*tail = item;
		tail = &item->next;
		skip_space(p);
		if (members) {
			if (p->s >= p->end || *p->s != '"' || !parse_string(p, &item->key))
				return failed(p, "expected a member name");
			skip_space(p);
			if (p->s >= p->end || *p->s++ != ':')
				return failed(p, "expected ':'");
		}
		if (!parse_value(p, item))
			return false;
		skip_space(p);
		if (p->s < p->end && *p->s == ',') {
			p->s++;
			continue;
		}
		if (p->s < p->end && *p->s == close) {
			p->s++;
			return true;
		}
		return failed(p, members ? "expected ',' or '}'" : "expected ',' or ']'");
	}
}

static bool literal(struct parser *p, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(p->end - p->s) < n || memcmp(p->s, word, n) != 0)
		return failed(p, "unknown word");
	p->s += n;
	return true;
}

static bool parse_value(struct parser *p, struct json_value *v)
{
	bool ok;

	skip_space(p);
	if (p->s >= p->end)
		return failed(p, "expected a value");
	switch (*p->s) {
	case '{':
	case '[':
		if (++p->depth > JSON_MAX_DEPTH)
			return failed(p, "nested too deeply");
		v->type = *p->s == '{' ? JSON_OBJECT : JSON_ARRAY;
		ok = parse_items(p, v, *p->s == '{' ? '}' : ']', *p->s == '{');
		p->depth--;
		return ok;
	case '"':
		v->type = JSON_STRING;
		return parse_string(p, &v->string);
	case 't':
		v->type = JSON_BOOL;
		v->boolean = true;
		return literal(p, "true");
	case 'f':
		v->type = JSON_BOOL;
		return literal(p, "false");
	case 'n':
		v->type = JSON_NULL;
		return literal(p, "null");
	default:
		if (*p->s != '-' && (*p->s < '0' || *p->s > '9'))
			return failed(p, "expected a value");
		v->type = JSON_NUMBER;
		return parse_number(p, &v->number);
	}
}

const char *json_parse(const char *text, size_t len, struct json_value **out, size_t *at)
{
	struct parser p = { .s = text, .end = text + len, .start = text };
	struct json_value *v = xcalloc(1, sizeof(*v));

	*out = NULL;
	if (parse_value(&p, v)) {
		skip_space(&p);
		if (p.s != p.end)
			failed(&p, "text after the value");
	}
	if (at)
		*at = (size_t)(p.s - text);
	if (p.why) {
		json_free(v);
		return p.why;
	}
	*out = v;
	return NULL;
}

void json_free(struct json_value *v)
{
	while (v) {
		struct json_value *next = v->next;

		json_free(v->child);
		free(v->string);
		free(v->key);
		free(v);
		v = next;
	}
}

const struct json_value *json_member(const struct json_value *obj, const char *key)
{
	if (!obj || obj->type != JSON_OBJECT)
		return NULL;
	for (const struct json_value *m = obj->child; m; m = m->next)
		if (strcmp(m->key, key) == 0)
			return m;
	return NULL;
}

const char *json_string(const struct json_value *v)
{
	return v && v->type == JSON_STRING ? v->string : NULL;
}

void json_add_string(struct strbuf *out, const char *s)
{
	strbuf_addch(out, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			strbuf_addf(out, "\\%c", c);
		else if (c < 0x20)
			strbuf_addf(out, "\\u%04x", c);
		else
			strbuf_addch(out, (char)c);
	}
	strbuf_addch(out, '"');
}
