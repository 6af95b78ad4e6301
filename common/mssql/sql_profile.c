/*
 * sql_profile.c - see sql_profile.h.
 */
#include "mssql/sql_profile.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/exitcode.h"
#include "base/msg.h"
#include "base/strset.h"
#include "base/textin.h"
#include "base/xalloc.h"

void sql_profile_free(struct sql_profile *p)
{
	free(p->name);
	free(p->source);
	for (size_t t = 0; t < p->ntables; t++) {
		free(p->table[t].name);
		for (size_t c = 0; c < p->table[t].ncolumns; c++)
			free(p->table[t].column[c]);
	}
	for (size_t q = 0; q < p->nqueries; q++) {
		free(p->query[q].name);
		free(p->query[q].text);
	}
	for (size_t l = 0; l < p->nlists; l++) {
		free(p->list[l].name);
		for (size_t i = 0; i < p->list[l].nitems; i++) {
			free(p->list[l].item[i].name);
			free(p->list[l].item[i].text);
		}
	}
	memset(p, 0, sizeof(*p));
}

static char *trimmed(const char *s, size_t len)
{
	span_trim(&s, &len);
	return xstrndup(s, len);
}

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

/* Where a parse is: the section, and the query or list being filled. */
struct parse {
	struct sql_profile *p;
	char section[64];
	struct sql_named *query;
	struct sql_list *list;
	unsigned long line;
};

static int too_many(struct parse *ps, const char *what)
{
	return fail(UCMIG_EX_CONFIG, "%s:%lu: too many %s (at most %d)", ps->p->source, ps->line,
		    what, SQL_PROFILE_MAX);
}

static int section_header(struct parse *ps, char *s)
{
	struct sql_profile *p = ps->p;
	char *end = strchr(s, ']');

	if (!end || end[1])
		return fail(UCMIG_EX_CONFIG, "%s:%lu: malformed section header", p->source, ps->line);
	*end = '\0';
	snprintf(ps->section, sizeof(ps->section), "%s", s + 1);
	ps->query = NULL;
	ps->list = NULL;
	if (strncmp(ps->section, "query ", 6) == 0) {
		if (p->nqueries == SQL_PROFILE_MAX)
			return too_many(ps, "queries");
		ps->query = &p->query[p->nqueries++];
		ps->query->name = trimmed(ps->section + 6, strlen(ps->section + 6));
		ps->query->text = xstrdup("");
	} else if (strncmp(ps->section, "list ", 5) == 0) {
		if (p->nlists == sizeof(p->list) / sizeof(p->list[0]))
			return too_many(ps, "lists");
		ps->list = &p->list[p->nlists++];
		ps->list->name = trimmed(ps->section + 5, strlen(ps->section + 5));
	} else if (strcmp(ps->section, "profile") && strcmp(ps->section, "tables")) {
		return fail(UCMIG_EX_CONFIG, "%s:%lu: unknown section [%s]", p->source, ps->line,
			    ps->section);
	}
	return 0;
}

static void append_line(char **text, const char *line)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s%s%s", *text, **text ? "\n" : "", line);
	free(*text);
	*text = strbuf_detach(&sb);
}

static int setting(struct parse *ps, const char *s)
{
	struct sql_profile *p = ps->p;
	const char *eq = strchr(s, '=');
	char *key, *value;
	int status = 0;

	if (!ps->section[0])
		return fail(UCMIG_EX_CONFIG, "%s:%lu: setting outside any [section]", p->source, ps->line);
	if (!eq)
		return fail(UCMIG_EX_CONFIG, "%s:%lu: expected KEY = VALUE", p->source, ps->line);
	key = trimmed(s, (size_t)(eq - s));
	value = trimmed(eq + 1, strlen(eq + 1));
	if (ps->list) {
		if (ps->list->nitems == SQL_PROFILE_MAX)
			status = too_many(ps, "statements in a list");
		else
			ps->list->item[ps->list->nitems++] = (struct sql_named){ key, value };
		return status;
	}
	if (strcmp(ps->section, "profile") == 0 && strcmp(key, "name") == 0) {
		free(p->name);
		p->name = xstrdup(value);
	} else if (strcmp(ps->section, "profile") == 0 && strcmp(key, "versions") == 0) {
		char *v[4];
		size_t n = words(value, v, 4);
		for (size_t i = 0; i < n; i++) {
			p->version[p->nversions++] = atoi(v[i]);
			free(v[i]);
		}
	} else if (strcmp(ps->section, "tables") == 0) {
		if (p->ntables == SQL_PROFILE_MAX) {
			status = too_many(ps, "tables");
		} else {
			struct sql_table *t = &p->table[p->ntables++];
			t->name = xstrdup(key);
			t->ncolumns = words(value, t->column, SQL_PROFILE_MAX);
			for (size_t c = 0; c < t->ncolumns && !status; c++)
				if (!identifier_ok(t->column[c]))
					status = fail(UCMIG_EX_CONFIG, "%s:%lu: '%s' is not a column name",
						      p->source, ps->line, t->column[c]);
			if (!status && !identifier_ok(t->name))
				status = fail(UCMIG_EX_CONFIG, "%s:%lu: '%s' is not a table name",
					      p->source, ps->line, t->name);
		}
	} else {
		status = fail(UCMIG_EX_CONFIG, "%s:%lu: unknown setting '%s' in [%s]", p->source,
			      ps->line, key, ps->section);
	}
	free(key);
	free(value);
	return status;
}

int sql_profile_parse(struct sql_profile *p, const char *text, const char *source)
{
	struct parse ps = { .p = p };
	int status = 0;

	memset(p, 0, sizeof(*p));
	p->source = xstrdup(source);
	for (const char *line = text; *line && !status;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		char *s = trimmed(line, len);

		ps.line++;
		line = nl ? nl + 1 : line + len;
		if (*s == '[')
			status = section_header(&ps, s);
		else if (!*s || *s == '#')
			;
		else if (ps.query)
			append_line(&ps.query->text, s);
		else
			status = setting(&ps, s);
		free(s);
	}
	for (size_t q = 0; q < p->nqueries && !status; q++)
		if (!*p->query[q].text)
			status = fail(UCMIG_EX_CONFIG, "%s: [query %s] is empty", source, p->query[q].name);
	if (!status && !p->name)
		status = fail(UCMIG_EX_CONFIG, "%s: no name in [profile]", source);
	return status;
}

int sql_profile_load(struct sql_profile *p, const char *path)
{
	struct textin in;
	struct strbuf text = STRBUF_INIT;
	const char *line;
	size_t len;
	int status;

	if ((status = textin_open(&in, path)))
		return status;
	while (!(status = textin_getline(&in, &line, &len)) && line)
		strbuf_add(&text, line, len);
	textin_close(&in);
	if (!status)
		status = sql_profile_parse(p, text.buf, path);
	strbuf_release(&text);
	return status;
}

int sql_profile_builtin(struct sql_profile *p, const struct embedded_text *builtin, int version)
{
	for (const struct embedded_text *e = builtin; e->name; e++) {
		struct strbuf source = STRBUF_INIT;
		int status;

		strbuf_addf(&source, "built-in profile %s", e->name);
		status = sql_profile_parse(p, e->text, source.buf);
		strbuf_release(&source);
		if (status)
			return status;
		for (size_t v = 0; v < p->nversions; v++)
			if (p->version[v] == version)
				return 0;
		sql_profile_free(p);
	}
	return fail(UCMIG_EX_CONFIG, "no built-in profile for schema version %d; give --profile FILE", version);
}

const char *sql_profile_query(const struct sql_profile *p, const char *name)
{
	for (size_t q = 0; q < p->nqueries; q++)
		if (strcmp(p->query[q].name, name) == 0)
			return p->query[q].text;
	return NULL;
}

const struct sql_list *sql_profile_list(const struct sql_profile *p, const char *name)
{
	for (size_t l = 0; l < p->nlists; l++)
		if (strcmp(p->list[l].name, name) == 0)
			return &p->list[l];
	return NULL;
}

int sql_profile_require(const struct sql_profile *p, const char *const *queries,
			const char *const *lists)
{
	for (; queries && *queries; queries++)
		if (!sql_profile_query(p, *queries))
			return fail(UCMIG_EX_CONFIG, "%s: no [query %s]", p->source, *queries);
	for (; lists && *lists; lists++)
		if (!sql_profile_list(p, *lists) || !sql_profile_list(p, *lists)->nitems)
			return fail(UCMIG_EX_CONFIG, "%s: no [list %s]", p->source, *lists);
	return 0;
}

static int collect_column(const struct db_row *row, void *data)
{
	struct strbuf key = STRBUF_INIT;
	bool added;

	if (row->ncols >= 2) {
		strbuf_addlower(&key, row->text[0]);
		strbuf_addch(&key, '.');
		strbuf_addlower(&key, row->text[1]);
		strset_add(data, key.buf, &added);
	}
	strbuf_release(&key);
	return 0;
}

int sql_profile_check(const struct sql_profile *p, struct db_session *db)
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
			strbuf_addlower(&key, p->table[t].name);
			strbuf_addch(&key, '.');
			strbuf_addlower(&key, p->table[t].column[c]);
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

void sql_profile_expand(const char *text, size_t n, struct strbuf *out)
{
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
