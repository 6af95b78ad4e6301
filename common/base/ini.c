/*
 * ini.c - see ini.h.
 */
#include "base/ini.h"

#include <string.h>

#include "base/exitcode.h"
#include "base/infile.h"
#include "base/msg.h"
#include "base/strbuf.h"
#include "base/strset.h"
#include "base/textin.h"

struct reader {
	const char *source;
	const struct ini_syntax *syntax;
	ini_fn fn;
	void *data;
	unsigned long line;
	struct strbuf section, key, value;
	bool in_section, raw;
	struct strset sections;   /* lowercased names; value: line */
	struct strset keys;       /* of the current section; value: line */
};

/* Remember name in set; if it was there, fail naming where. */
static int first_time(struct reader *r, struct strset *set, const char *what, const char *name)
{
	struct strbuf lower = STRBUF_INIT;
	struct strset_entry *e;
	bool added;

	strbuf_addlower(&lower, name);
	e = strset_add(set, lower.buf, &added);
	strbuf_release(&lower);
	if (!added)
		return fail(UCMIG_EX_CONFIG, "%s:%lu: %s '%s' repeats line %zu", r->source, r->line,
			    what, name, e->value);
	e->value = r->line;
	return 0;
}

static int section_header(struct reader *r, const char *s, size_t n)
{
	const char *name = s + 1;
	size_t len = n - 2;
	int status;

	if (n < 3 || s[n - 1] != ']')
		return fail(UCMIG_EX_CONFIG, "%s:%lu: malformed section header", r->source, r->line);
	span_trim(&name, &len);
	if (!len || memchr(name, '[', len) || memchr(name, ']', len))
		return fail(UCMIG_EX_CONFIG, "%s:%lu: malformed section header", r->source, r->line);
	strbuf_reset(&r->section);
	strbuf_add(&r->section, name, len);
	if ((status = first_time(r, &r->sections, "section", r->section.buf)))
		return status;
	strset_clear(&r->keys);
	r->in_section = true;
	r->raw = r->syntax && r->syntax->raw_section && r->syntax->raw_section(r->section.buf);
	struct ini_item item = { INI_SECTION, r->source, r->line, r->section.buf, NULL, NULL };
	return r->fn(&item, r->data);
}

static int setting(struct reader *r, const char *s, size_t n)
{
	const char *eq = memchr(s, '=', n);
	const char *k = s, *v;
	size_t klen, vlen;
	int status;

	if (!r->in_section)
		return fail(UCMIG_EX_CONFIG, "%s:%lu: setting outside any [section]", r->source, r->line);
	if (!eq)
		return fail(UCMIG_EX_CONFIG, "%s:%lu: expected KEY = VALUE", r->source, r->line);
	klen = (size_t)(eq - s);
	v = eq + 1;
	vlen = n - klen - 1;
	span_trim(&k, &klen);
	span_trim(&v, &vlen);
	if (!klen)
		return fail(UCMIG_EX_CONFIG, "%s:%lu: setting without a name", r->source, r->line);
	strbuf_reset(&r->key);
	strbuf_add(&r->key, k, klen);
	strbuf_reset(&r->value);
	strbuf_add(&r->value, v, vlen);
	if ((status = first_time(r, &r->keys, "setting", r->key.buf)))
		return status;
	struct ini_item item = { INI_SETTING, r->source, r->line, r->section.buf, r->key.buf, r->value.buf };
	return r->fn(&item, r->data);
}

static int feed_line(struct reader *r, const char *line, size_t len)
{
	const char *s = line;
	size_t n = len;

	r->line++;
	span_trim(&s, &n);
	/* ';' opens T-SQL's ";WITH ...": in raw text only '#' is a comment. */
	if (!n || *s == '#' || (*s == ';' && !r->raw))
		return 0;
	if (*s == '[')
		return section_header(r, s, n);
	if (r->raw) {
		strbuf_reset(&r->value);
		strbuf_add(&r->value, s, n);
		struct ini_item item = { INI_RAW_LINE, r->source, r->line, r->section.buf, NULL, r->value.buf };
		return r->fn(&item, r->data);
	}
	return setting(r, s, n);
}

static void reader_init(struct reader *r, const char *source, const struct ini_syntax *syntax,
			ini_fn fn, void *data)
{
	memset(r, 0, sizeof(*r));
	r->source = source;
	r->syntax = syntax;
	r->fn = fn;
	r->data = data;
	strbuf_init(&r->section);
	strbuf_init(&r->key);
	strbuf_init(&r->value);
	strset_init(&r->sections);
	strset_init(&r->keys);
}

static void reader_release(struct reader *r)
{
	strbuf_release(&r->section);
	strbuf_release(&r->key);
	strbuf_release(&r->value);
	strset_free(&r->sections);
	strset_free(&r->keys);
}

int ini_parse(const char *text, const char *source, const struct ini_syntax *syntax,
	      ini_fn fn, void *data)
{
	struct reader r;
	int status = 0;

	reader_init(&r, source, syntax, fn, data);
	for (const char *p = text; *p && !status;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		status = feed_line(&r, p, len);
		p += len + (nl != NULL);
	}
	reader_release(&r);
	return status;
}

int ini_load(const char *path, const struct ini_syntax *syntax, ini_fn fn, void *data)
{
	struct reader r;
	struct textin in;
	const char *line;
	size_t len;
	int status;

	if ((status = textin_open(&in, path)))
		return status;
	reader_init(&r, in.name, syntax, fn, data);
	while (!status && !(status = textin_getline(&in, &line, &len)) && line)
		status = feed_line(&r, line, len);
	reader_release(&r);
	textin_close(&in);
	return status;
}
