/*
 * rename_map.c - see rename_map.h.
 */
#include "domain/rename_map.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/csvin.h"
#include "base/exitcode.h"
#include "base/grow.h"
#include "base/hash.h"
#include "base/msg.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "domain/batrow.h"

enum { BAD_LINES_SHOWN = 20 };

static const char *const header[] = { "Contact ID", "New Contact ID" };

void rename_map_init(struct rename_map *m)
{
	memset(m, 0, sizeof(*m));
	strset_init(&m->index);
}

void rename_map_free(struct rename_map *m)
{
	free(m->slot);
	for (size_t i = 0; i < m->n; i++) {
		free(m->entry[i].key);
		free(m->entry[i].old_address);
		free(m->entry[i].new_id);
		free(m->entry[i].new_domain);
	}
	free(m->entry);
	strset_free(&m->index);
}

/* The index's key: ID and domain apart (split at the last '@'), so that
 * "bjones@usa","example.com" and "bjones","usa@example.com" differ. */
#define KEY_SEPARATOR '\n'

static void split_key(struct strbuf *key, const char *id, const char *domain)
{
	strbuf_reset(key);
	strbuf_addlower(key, id);
	strbuf_addch(key, KEY_SEPARATOR);
	strbuf_addlower(key, domain);
}

static unsigned char lower_ascii[256];

static void init_lower(void)
{
	for (int c = 0; c < 256; c++)
		lower_ascii[c] = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

struct loader {
	struct rename_map *m;
	bool header_seen;
	unsigned long bad;
	struct strbuf id, domain, key, why;
};

static void bad_line(struct loader *l, const char *file, unsigned long line, const char *fmt, const char *a,
		     const char *b)
{
	if (++l->bad <= BAD_LINES_SHOWN) {
		strbuf_reset(&l->why);
		strbuf_addf(&l->why, fmt, a, b);
		fail(UCMIG_EX_DATAERR, "%s:%lu: %s", file, line, l->why.buf);
	}
}

/* An IM address as BAT takes it: ID and domain by the field rules. */
static bool check_address(struct loader *l, const char *addr, enum bat_field id_field,
			  const char *file, unsigned long line)
{
	struct strbuf detail = STRBUF_INIT;
	bool ok = bat_split_address(addr, &l->id, &l->domain);

	if (!ok) {
		bad_line(l, file, line, "'%s' is not an IM address (ID@domain)%s", addr, "");
	} else if (bat_field_check(id_field, l->id.buf, &detail) != BAT_OK ||
		   bat_field_check(id_field + 1, l->domain.buf, &detail) != BAT_OK) {
		bad_line(l, file, line, "'%s': %s", addr, detail.buf);
		ok = false;
	}
	strbuf_release(&detail);
	return ok;
}

static int on_record(const struct csv_record *rec, void *data)
{
	struct loader *l = data;
	struct rename_map *m = l->m;
	struct strset_entry *e;
	bool added;

	if (!l->header_seen) {
		l->header_seen = true;
		if (strcasecmp(rec->field[0], header[0]) != 0 || strcasecmp(rec->field[1], header[1]) != 0)
			return fail(UCMIG_EX_DATAERR, "%s:%lu: not a BAT rename file: the header line "
				    "'Contact ID,New Contact ID' is mandatory", rec->file, rec->line);
		return 0;
	}
	if (!check_address(l, rec->field[0], BAT_CONTACT_ID, rec->file, rec->line) ||
	    !check_address(l, rec->field[1], BAT_CONTACT_ID, rec->file, rec->line))
		return 0;
	if (strcasecmp(rec->field[0], rec->field[1]) == 0) {
		bad_line(l, rec->file, rec->line, "'%s' is renamed to itself%s", rec->field[0], "");
		return 0;
	}
	bat_split_address(rec->field[0], &l->id, &l->domain);
	split_key(&l->key, l->id.buf, l->domain.buf);
	e = strset_add(&m->index, l->key.buf, &added);
	if (!added) {
		const struct rename_entry *old = &m->entry[e->value];
		char other[32];

		snprintf(other, sizeof(other), "%lu", old->line);
		strbuf_reset(&l->key);
		strbuf_addf(&l->key, "%s@%s", old->new_id, old->new_domain);
		if (strcasecmp(l->key.buf, rec->field[1]) != 0)
			bad_line(l, rec->file, rec->line, "'%s' was given another new ID on line %s",
				 rec->field[0], other);
		return 0;
	}
	GROW(m->entry, m->n + 1, m->alloc);
	bat_split_address(rec->field[1], &l->id, &l->domain);
	m->entry[m->n] = (struct rename_entry){
		.old_address = xstrdup(rec->field[0]), .key = xstrdup(e->key), .key_len = strlen(e->key),
		.new_id = xstrdup(l->id.buf), .new_domain = xstrdup(l->domain.buf), .line = rec->line,
	};
	e->value = m->n++;
	return 0;
}

/* A new ID that is also an old ID makes a chain (or a cycle). */
static void check_chains(struct loader *l)
{
	struct rename_map *m = l->m;

	for (size_t i = 0; i < m->n; i++) {
		const struct rename_entry *e = &m->entry[i];
		struct strset_entry *hit;
		char where[64];

		split_key(&l->key, e->new_id, e->new_domain);
		if (!(hit = strset_find(&m->index, l->key.buf)))
			continue;
		snprintf(where, sizeof(where), "%lu", m->entry[hit->value].line);
		bad_line(l, m->file, e->line, "the new ID is renamed again on line %s (a chain or cycle: %s)",
			 where, "BAT renames in one step");
	}
}

static void build_table(struct rename_map *m)
{
	if (m->n >= UINT32_MAX / 4)
		return;                       /* no filter takes a map this large */
	m->nslots = 16;
	while (m->nslots < 2 * m->n)
		m->nslots *= 2;
	m->slot = xcalloc(m->nslots, sizeof(*m->slot));
	for (size_t i = 0; i < m->n; i++) {
		uint64_t h = hash_bytes(m->entry[i].key, m->entry[i].key_len);
		size_t k = (size_t)h & (m->nslots - 1);

		while (m->slot[k].entry)
			k = (k + 1) & (m->nslots - 1);
		m->slot[k] = (struct rename_slot){ (uint32_t)(h >> 32), (uint32_t)(i + 1) };
	}
}

int rename_map_load(struct rename_map *m, const char *path)
{
	struct loader l = { .m = m };
	struct csvin_options opt = { .min_fields = 2, .max_fields = 2 };
	struct textin in;
	int status;

	init_lower();
	if ((status = textin_open(&in, path)))
		return status;
	m->file = in.name;
	strbuf_init(&l.id);
	strbuf_init(&l.domain);
	strbuf_init(&l.key);
	strbuf_init(&l.why);
	status = csvin_read(&in, &opt, on_record, &l);
	if (!status && !l.header_seen)
		status = fail(UCMIG_EX_DATAERR, "%s: empty: the header line 'Contact ID,New Contact ID' is mandatory",
			      in.name);
	if (!status)
		check_chains(&l);
	if (!status && !l.bad)
		build_table(m);
	if (!status && l.bad > BAD_LINES_SHOWN)
		fail(UCMIG_EX_DATAERR, "%s: and %lu more bad lines", in.name, l.bad - BAD_LINES_SHOWN);
	if (!status && l.bad)
		status = fail(UCMIG_EX_DATAERR, "%s: %lu bad line%s; nothing written", in.name, l.bad,
			      l.bad == 1 ? "" : "s");
	strbuf_release(&l.id);
	strbuf_release(&l.domain);
	strbuf_release(&l.key);
	strbuf_release(&l.why);
	textin_close(&in);
	return status;
}

const struct rename_entry *rename_map_find(const struct rename_map *m, const char *id, size_t idlen,
					   const char *domain, size_t dlen, struct strbuf *key)
{
	/* Every row of a filter comes here: a fixed buffer and a table, not
	 * a strbuf grown byte by byte. Longer than any map key: not there. */
	char buf[RENAME_MAX_KEY];
	uint64_t h;
	size_t n = 0;

	(void)key;
	if (idlen + dlen + 2 > sizeof(buf) || !m->nslots)
		return NULL;
	for (size_t i = 0; i < idlen; i++)
		buf[n++] = (char)lower_ascii[(unsigned char)id[i]];
	buf[n++] = KEY_SEPARATOR;
	for (size_t i = 0; i < dlen; i++)
		buf[n++] = (char)lower_ascii[(unsigned char)domain[i]];
	h = hash_bytes(buf, n);
	for (size_t k = (size_t)h & (m->nslots - 1); m->slot[k].entry; k = (k + 1) & (m->nslots - 1)) {
		const struct rename_entry *e;

		if (m->slot[k].tag != (uint32_t)(h >> 32))
			continue;
		e = &m->entry[m->slot[k].entry - 1];
		if (m->slot[k].tag == (uint32_t)(h >> 32) && e->key_len == n && memcmp(e->key, buf, n) == 0)
			return e;
	}
	return NULL;
}
