/*
 * rename_filter.c - see rename_filter.h.
 */
#include "domain/rename_filter.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/csvout.h"
#include "base/exitcode.h"
#include "base/interrupt.h"
#include "base/msg.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "domain/batrow.h"

enum { READ_SIZE = 1 << 20, MAX_FIELDS = 7 };

/* One field of a line: its bytes as written, and its value (the same
 * bytes unless it was quoted). */
struct field {
	const char *raw;
	size_t raw_len;
	const char *value;
	size_t len;
};

struct state {
	const struct rename_map *map;
	bool owners;
	FILE *out;
	const char *name;
	unsigned long long line;
	struct strbuf unquoted[MAX_FIELDS];
	struct strbuf key, value;
	struct filter_stats *st;
};

/* A line without quotes (nearly all): fields between commas. */
static size_t split_plain(const char *line, size_t len, struct field *f)
{
	const char *p = line, *end = line + len;
	size_t n = 0;

	for (;;) {
		const char *comma = memchr(p, ',', (size_t)(end - p));
		const char *stop = comma ? comma : end;

		if (n == MAX_FIELDS)
			return MAX_FIELDS + 1;
		f[n].raw = f[n].value = p;
		f[n].raw_len = f[n].len = (size_t)(stop - p);
		n++;
		if (!comma)
			return n;
		p = comma + 1;
	}
}

/* Split line[0, len) (no line ending) into fields. Returns the count, 0
 * for a stray or unterminated quote, MAX_FIELDS + 1 for too many. */
static size_t split(struct state *s, const char *line, size_t len, struct field *f)
{
	size_t n = 0, i = 0;

	if (!memchr(line, '"', len))
		return split_plain(line, len, f);
	for (;;) {
		struct field *cur;

		if (n == MAX_FIELDS)
			return MAX_FIELDS + 1;
		cur = &f[n];
		cur->raw = line + i;
		if (i < len && line[i] == '"') {
			struct strbuf *u = &s->unquoted[n];

			strbuf_reset(u);
			for (i++;; i++) {
				if (i >= len)
					return 0;                      /* unterminated */
				if (line[i] == '"') {
					if (i + 1 < len && line[i + 1] == '"') {
						strbuf_addch(u, '"');
						i++;
						continue;
					}
					break;
				}
				strbuf_addch(u, line[i]);
			}
			i++;                                           /* the closing quote */
			if (i < len && line[i] != ',')
				return 0;                              /* text after a quote */
			cur->value = u->buf ? u->buf : "";
			cur->len = u->len;
		} else {
			const char *comma = memchr(line + i, ',', len - i);
			size_t end = comma ? (size_t)(comma - line) : len;

			if (memchr(line + i, '"', end - i))
				return 0;                              /* a stray quote */
			cur->value = line + i;
			cur->len = end - i;
			i = end;
		}
		cur->raw_len = (size_t)(line + i - cur->raw);
		n++;
		if (i >= len)
			return n;
		i++;                                                   /* the comma */
	}
}

static bool is_header(const struct field *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (f[i].len != strlen(bat_field_name[i]) ||
		    strncasecmp(f[i].value, bat_field_name[i], f[i].len) != 0)
			return false;
	return true;
}

/* Write a renamed row: the fields in `with` replace theirs. */
static void write_row(struct state *s, const struct field *f, size_t n, const char *const with[MAX_FIELDS],
		      const char *ending, size_t ending_len)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			putc(',', s->out);
		if (with[i])
			csv_write_field(s->out, with[i]);
		else
			fwrite(f[i].raw, 1, f[i].raw_len, s->out);
	}
	fwrite(ending, 1, ending_len, s->out);
}

/* One line (with its ending). Returns 0, or 65 for a malformed record. */
static int filter_line(struct state *s, const char *line, size_t len, const char **flush_from)
{
	size_t body = len, n;
	struct field f[MAX_FIELDS];
	const char *with[MAX_FIELDS] = { 0 };
	const struct rename_entry *contact = NULL, *owner = NULL;

	s->line++;
	if (body && line[body - 1] == '\n')
		body--;
	if (body && line[body - 1] == '\r')
		body--;
	if (s->line == 1 && body >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
		line += 3;                                      /* the BOM passes through */
		body -= 3;
		len -= 3;
	}
	if (body == 0)
		return 0;
	n = split(s, line, body, f);
	if (n < 6 || n > MAX_FIELDS)
		return fail(UCMIG_EX_DATAERR, "%s:%llu: %s", s->name, s->line,
			    n == 0 ? "a stray or unterminated quote" :
			    "not a BAT contact row (6 or 7 fields)");
	if (s->line == 1 && is_header(f, n))
		return 0;
	s->st->rows++;
	contact = rename_map_find(s->map, f[BAT_CONTACT_ID].value, f[BAT_CONTACT_ID].len,
				  f[BAT_CONTACT_DOMAIN].value, f[BAT_CONTACT_DOMAIN].len, &s->key);
	if (s->owners)
		owner = rename_map_find(s->map, f[BAT_USER_ID].value, f[BAT_USER_ID].len,
					f[BAT_USER_DOMAIN].value, f[BAT_USER_DOMAIN].len, &s->key);
	if (!contact && !owner)
		return 0;
	/* Everything before this line goes out as it came, in one write. */
	fwrite(*flush_from, 1, (size_t)(line - *flush_from), s->out);
	*flush_from = line + len;
	if (contact) {
		with[BAT_CONTACT_ID] = contact->new_id;
		with[BAT_CONTACT_DOMAIN] = contact->new_domain;
		s->st->contacts_renamed++;
		s->st->uses[contact - s->map->entry]++;
	}
	if (owner) {
		with[BAT_USER_ID] = owner->new_id;
		with[BAT_USER_DOMAIN] = owner->new_domain;
		s->st->owners_renamed++;
		s->st->uses[owner - s->map->entry]++;
	}
	write_row(s, f, n, with, line + body, len - body);
	return 0;
}

int filter_run(const struct rename_map *map, bool owners, int fd, const char *name, FILE *out,
	       struct filter_stats *st)
{
	struct state s = { .map = map, .owners = owners, .out = out, .name = name, .st = st };
	size_t cap = READ_SIZE, have = 0;
	char *buf = xmalloc(cap);
	int status = 0;
	bool eof = false;

	st->uses = xcalloc(map->n ? map->n : 1, sizeof(*st->uses));
	for (int i = 0; i < MAX_FIELDS; i++)
		strbuf_init(&s.unquoted[i]);
	strbuf_init(&s.key);
	while (!status && !eof) {
		ssize_t got = read(fd, buf + have, cap - have);
		const char *p, *end, *flush_from;

		if (got < 0 && errno == EINTR && !interrupt_requested())
			continue;
		if (got < 0) {
			status = interrupt_requested() ? interrupt_status() :
				 fail(UCMIG_EX_IOERR, "%s: read error:", name);
			break;
		}
		if (st->bytes == 0 && have == 0 && got >= 2 &&
		    (((unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE) ||
		     ((unsigned char)buf[0] == 0xFE && (unsigned char)buf[1] == 0xFF))) {
			status = fail(UCMIG_EX_DATAERR, "%s: UTF-16; the filter keeps rows byte for byte, so give "
				      "it UTF-8 (iconv -f UTF-16 -t UTF-8)", name);
			break;
		}
		st->bytes += (unsigned long long)got;
		have += (size_t)got;
		eof = got == 0;
		p = flush_from = buf;
		end = buf + have;
		while (!status && p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));

			if (!nl && !eof)
				break;                         /* a line continued in the next read */
			status = filter_line(&s, p, nl ? (size_t)(nl + 1 - p) : (size_t)(end - p), &flush_from);
			p = nl ? nl + 1 : end;
		}
		if (!status)
			fwrite(flush_from, 1, (size_t)(p - flush_from), out);
		have = (size_t)(end - p);
		memmove(buf, p, have);
		if (have == cap) {
			if (cap >= FILTER_MAX_LINE) {
				status = fail(UCMIG_EX_DATAERR, "%s:%llu: a line longer than %d bytes", name,
					      s.line + 1, FILTER_MAX_LINE);
				break;
			}
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		if (interrupt_requested())
			status = interrupt_status();
	}
	for (int i = 0; i < MAX_FIELDS; i++)
		strbuf_release(&s.unquoted[i]);
	strbuf_release(&s.key);
	free(buf);
	return status;
}
