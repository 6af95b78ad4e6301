/*
 * profile.c - see profile.h.
 */
#include "profile.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "embedded_text.h"
#include "exitcode.h"
#include "msg.h"
#include "strset.h"
#include "textin.h"
#include "xalloc.h"

extern const struct embedded_text builtin_profiles[];

static const char *const query_names[PQ_COUNT] = {
	[PQ_USERS] = "users", [PQ_ALL_USERS] = "all-users",
	[PQ_GROUPS] = "groups", [PQ_CONTACTS] = "contacts",
};

void profile_free(struct profile *p)
{
	free(p->name);
	free(p->source);
	for (size_t t = 0; t < p->ntables; t++) {
		free(p->table[t].name);
		for (size_t c = 0; c < p->table[t].ncolumns; c++)
			free(p->table[t].column[c]);
	}
	for (int q = 0; q < PQ_COUNT; q++)
		free(p->query[q]);
	memset(p, 0, sizeof(*p));
}

static char *trimmed(const char *s, size_t len)
{
	while (len && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	return xstrndup(s, len);
}

/* Split words of value into out (at most max); returns how many. */
static size_t words(const char *value, char **out, size_t max)
{
	size_t n = 0;

	for (const char *p = value; *p;) {
		while (isspace((unsigned char)*p) || *p == ',')
			p++;
		const char *start = p;
		while (*p && !isspace((unsigned char)*p) && *p != ',')
			p++;
		if (p > start && n < max)
			out[n++] = xstrndup(start, (size_t)(p - start));
	}
	return n;
}

static bool identifier_ok(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

static int key_value(struct profile *p, const char *section, const char *line, unsigned long lineno)
{
	const char *eq = strchr(line, '=');
	char *key, *value;
	int status = 0;

	if (!eq)
		return fail(UCMIG_EX_CONFIG, "%s:%lu: expected KEY = VALUE", p->source, lineno);
	key = trimmed(line, (size_t)(eq - line));
	value = trimmed(eq + 1, strlen(eq + 1));
	if (strcmp(section, "profile") == 0 && strcmp(key, "name") == 0) {
		free(p->name);
		p->name = xstrdup(value);
	} else if (strcmp(section, "profile") == 0 && strcmp(key, "versions") == 0) {
		char *v[4];
		size_t n = words(value, v, 4);
		for (size_t i = 0; i < n; i++) {
			p->version[p->nversions++] = atoi(v[i]);
			free(v[i]);
		}
	} else if (strcmp(section, "tables") == 0) {
		struct profile_table *t;
		if (p->ntables == PROFILE_MAX_TABLES) {
			status = fail(UCMIG_EX_CONFIG, "%s:%lu: more than %d tables", p->source, lineno,
				      PROFILE_MAX_TABLES);
			goto out;
		}
		t = &p->table[p->ntables++];
		t->name = xstrdup(key);
		t->ncolumns = words(value, t->column, PROFILE_MAX_COLUMNS);
		for (size_t c = 0; c < t->ncolumns; c++)
			if (!identifier_ok(t->column[c]))
				status = fail(UCMIG_EX_CONFIG, "%s:%lu: '%s' is not a column name",
					      p->source, lineno, t->column[c]);
		if (!identifier_ok(t->name))
			status = fail(UCMIG_EX_CONFIG, "%s:%lu: '%s' is not a table name", p->source, lineno,
				      t->name);
	} else {
		status = fail(UCMIG_EX_CONFIG, "%s:%lu: unknown setting '%s' in [%s]", p->source, lineno,
			      key, section);
	}
out:
	free(key);
	free(value);
	return status;
}

int profile_parse(struct profile *p, const char *text, const char *source)
{
	struct strbuf section = STRBUF_INIT, query = STRBUF_INIT;
	int current_query = -1, status = 0;
	unsigned long lineno = 0;

	memset(p, 0, sizeof(*p));
	p->source = xstrdup(source);
	for (const char *line = text; *line && !status;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		char *s = trimmed(line, len);

		lineno++;
		line = nl ? nl + 1 : line + len;
		if (*s == '[') {
			char *end = strchr(s, ']');
			if (!end || end[1]) {
				status = fail(UCMIG_EX_CONFIG, "%s:%lu: malformed section header", source, lineno);
			} else {
				*end = '\0';
				strbuf_reset(&section);
				strbuf_addstr(&section, s + 1);
				current_query = -1;
				if (strncmp(section.buf, "query ", 6) == 0) {
					for (int q = 0; q < PQ_COUNT; q++)
						if (strcmp(section.buf + 6, query_names[q]) == 0)
							current_query = q;
					if (current_query < 0)
						status = fail(UCMIG_EX_CONFIG, "%s:%lu: unknown query '%s'",
							      source, lineno, section.buf + 6);
					else
						p->query[current_query] = xstrdup("");
				} else if (strcmp(section.buf, "profile") && strcmp(section.buf, "tables")) {
					status = fail(UCMIG_EX_CONFIG, "%s:%lu: unknown section [%s]", source,
						      lineno, section.buf);
				}
			}
		} else if (current_query >= 0) {
			if (*s && *s != '#') {
				strbuf_reset(&query);
				strbuf_addf(&query, "%s%s%s", p->query[current_query],
					    *p->query[current_query] ? "\n" : "", s);
				free(p->query[current_query]);
				p->query[current_query] = strbuf_detach(&query);
			}
		} else if (*s && *s != '#') {
			if (!section.len)
				status = fail(UCMIG_EX_CONFIG, "%s:%lu: setting outside any [section]", source, lineno);
			else
				status = key_value(p, section.buf, s, lineno);
		}
		free(s);
	}
	for (int q = 0; q < PQ_COUNT && !status; q++)
		if (!p->query[q] || !*p->query[q])
			status = fail(UCMIG_EX_CONFIG, "%s: no [query %s]", source, query_names[q]);
	if (!status && !p->name)
		status = fail(UCMIG_EX_CONFIG, "%s: no name in [profile]", source);
	strbuf_release(&section);
	strbuf_release(&query);
	return status;
}

int profile_load(struct profile *p, const char *path)
{
	struct textin in;
	struct strbuf text = STRBUF_INIT;
	const char *line;
	size_t len;
	int rc, status;

	if ((status = textin_open(&in, path)))
		return status;
	while ((rc = textin_getline(&in, &line, &len)) > 0)
		strbuf_add(&text, line, len);
	textin_close(&in);
	status = rc < 0 ? -rc : profile_parse(p, text.buf, path);
	strbuf_release(&text);
	return status;
}

int profile_builtin(struct profile *p, int version)
{
	for (const struct embedded_text *e = builtin_profiles; e->name; e++) {
		struct strbuf source = STRBUF_INIT;
		int status;

		strbuf_addf(&source, "built-in profile %s", e->name);
		status = profile_parse(p, e->text, source.buf);
		strbuf_release(&source);
		if (status)
			return status;
		for (size_t v = 0; v < p->nversions; v++)
			if (p->version[v] == version)
				return 0;
		profile_free(p);
	}
	return fail(UCMIG_EX_CONFIG, "no built-in profile for schema version %d; give --profile FILE", version);
}

static int collect_column(const struct db_row *row, void *data)
{
	struct strbuf key = STRBUF_INIT;
	bool added;

	if (row->ncols >= 2) {
		for (const char *s = row->text[0]; *s; s++)
			strbuf_addch(&key, tolower((unsigned char)*s));
		strbuf_addch(&key, '.');
		for (const char *s = row->text[1]; *s; s++)
			strbuf_addch(&key, tolower((unsigned char)*s));
		strset_add(data, key.buf, &added);
	}
	strbuf_release(&key);
	return 0;
}

int profile_check(const struct profile *p, struct db_session *db)
{
	struct strset have;
	struct strbuf key = STRBUF_INIT;
	int status;

	strset_init(&have);
	status = db_query(db, "SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS",
			  NULL, 0, collect_column, &have, NULL);
	for (size_t t = 0; t < p->ntables && !status; t++) {
		for (size_t c = 0; c < p->table[t].ncolumns && !status; c++) {
			strbuf_reset(&key);
			strbuf_addf(&key, "%s.%s", p->table[t].name, p->table[t].column[c]);
			for (size_t i = 0; i < key.len; i++)
				key.buf[i] = (char)tolower((unsigned char)key.buf[i]);
			if (!strset_find(&have, key.buf))
				status = fail(UCMIG_EX_CONFIG,
					      "%s: %s needs column %s.%s, which this database does not have",
					      db->label, p->source, p->table[t].name, p->table[t].column[c]);
		}
	}
	strset_free(&have);
	strbuf_release(&key);
	return status;
}

void profile_expand(const struct profile *p, enum profile_query q, size_t n, struct strbuf *out)
{
	const char *text = p->query[q];
	const char *mark = strstr(text, "$USERS");
	char prefix = 'u';
	size_t marklen = 6;

	if (!mark) {
		mark = strstr(text, "$IDS");
		prefix = 'i';
		marklen = 4;
	}
	strbuf_reset(out);
	if (!mark) {
		strbuf_addstr(out, text);
		return;
	}
	strbuf_add(out, text, (size_t)(mark - text));
	for (size_t i = 0; i < n; i++)
		strbuf_addf(out, "%s@%c%zu", i ? "," : "", prefix, i);
	strbuf_addstr(out, mark + marklen);
}
