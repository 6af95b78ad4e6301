/*
 * sql_profile.c - see sql_profile.h.
 */
#include "mssql/sql_profile.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/exitcode.h"
#include "base/grow.h"
#include "base/msg.h"
#include "base/strset.h"
#include "base/textin.h"
#include "base/xalloc.h"

void sql_profile_free(struct sql_profile *p)
{
	free(p->name);
	free(p->source);
	free(p->version);
	for (size_t t = 0; t < p->ntables; t++) {
		free(p->table[t].name);
		for (size_t c = 0; c < p->table[t].ncolumns; c++)
			free(p->table[t].column[c]);
		free(p->table[t].column);
	}
	free(p->table);
	for (size_t q = 0; q < p->nqueries; q++) {
		free(p->query[q].name);
		free(p->query[q].text);
	}
	free(p->query);
	for (size_t l = 0; l < p->nlists; l++) {
		free(p->list[l].name);
		for (size_t i = 0; i < p->list[l].nitems; i++) {
			free(p->list[l].item[i].name);
			free(p->list[l].item[i].text);
		}
		free(p->list[l].item);
	}
	free(p->list);
	memset(p, 0, sizeof(*p));
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

/* Call fn for each word of value (separated by spaces or commas). */
static int each_word(const char *value, int (*fn)(const char *word, size_t len, void *data),
		     void *data)
{
	int status = 0;

	for (const char *p = value; *p && !status;) {
		while (isspace((unsigned char)*p) || *p == ',')
			p++;
		const char *start = p;
		while (*p && !isspace((unsigned char)*p) && *p != ',')
			p++;
		if (p > start)
			status = fn(start, (size_t)(p - start), data);
	}
	return status;
}

/* Where a parse is: the profile, and the query or list being filled. */
struct parse {
	struct sql_profile *p;
	const struct ini_item *item;
	struct sql_named *query;
	struct sql_list *list;
};

static int add_version(const char *word, size_t len, void *data)
{
	struct parse *ps = data;
	struct sql_profile *p = ps->p;
	char *end;
	long v = strtol(word, &end, 10);

	if (end != word + len || v < 2000 || v > 2100)
		return fail(UCMIG_EX_CONFIG, "%s:%lu: '%.*s' is not a schema version (2007, 2010, 2013)",
			    p->source, ps->item->line, (int)len, word);
	GROW(p->version, p->nversions + 1, p->version_alloc);
	p->version[p->nversions++] = (int)v;
	return 0;
}

static int add_column(const char *word, size_t len, void *data)
{
	struct parse *ps = data;
	struct sql_table *t = &ps->p->table[ps->p->ntables - 1];
	char *column = xstrndup(word, len);

	GROW(t->column, t->ncolumns + 1, t->column_alloc);
	t->column[t->ncolumns++] = column;
	if (!identifier_ok(column))
		return fail(UCMIG_EX_CONFIG, "%s:%lu: '%s' is not a column name", ps->p->source,
			    ps->item->line, column);
	return 0;
}

static bool raw_section(const char *name)
{
	return strncmp(name, "query ", 6) == 0;
}

static const char *section_argument(const char *section, const char *kind)
{
	size_t n = strlen(kind);
	const char *arg = section + n;

	if (strncmp(section, kind, n) != 0 || *arg != ' ')
		return NULL;
	while (*arg == ' ')
		arg++;
	return *arg ? arg : NULL;
}

static int section_start(struct parse *ps, const char *section)
{
	struct sql_profile *p = ps->p;
	const char *arg;

	ps->query = NULL;
	ps->list = NULL;
	if ((arg = section_argument(section, "query"))) {
		GROW(p->query, p->nqueries + 1, p->query_alloc);
		ps->query = &p->query[p->nqueries++];
		*ps->query = (struct sql_named){ xstrdup(arg), xstrdup("") };
	} else if ((arg = section_argument(section, "list"))) {
		GROW(p->list, p->nlists + 1, p->list_alloc);
		ps->list = &p->list[p->nlists++];
		*ps->list = (struct sql_list){ .name = xstrdup(arg) };
	} else if (strcmp(section, "profile") && strcmp(section, "tables")) {
		return fail(UCMIG_EX_CONFIG, "%s:%lu: unknown section [%s]", p->source, ps->item->line,
			    section);
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

static int setting(struct parse *ps, const struct ini_item *it)
{
	struct sql_profile *p = ps->p;

	if (ps->list) {
		GROW(ps->list->item, ps->list->nitems + 1, ps->list->item_alloc);
		ps->list->item[ps->list->nitems++] = (struct sql_named){ xstrdup(it->key), xstrdup(it->value) };
		return 0;
	}
	if (strcmp(it->section, "profile") == 0 && strcmp(it->key, "name") == 0) {
		p->name = xstrdup(it->value);
		return 0;
	}
	if (strcmp(it->section, "profile") == 0 && strcmp(it->key, "versions") == 0)
		return each_word(it->value, add_version, ps);
	if (strcmp(it->section, "tables") == 0) {
		GROW(p->table, p->ntables + 1, p->table_alloc);
		p->table[p->ntables++] = (struct sql_table){ .name = xstrdup(it->key) };
		if (!identifier_ok(it->key))
			return fail(UCMIG_EX_CONFIG, "%s:%lu: '%s' is not a table name", p->source,
				    it->line, it->key);
		return each_word(it->value, add_column, ps);
	}
	return fail(UCMIG_EX_CONFIG, "%s:%lu: unknown setting '%s' in [%s]", p->source, it->line,
		    it->key, it->section);
}

static int on_item(const struct ini_item *it, void *data)
{
	struct parse *ps = data;

	ps->item = it;
	switch (it->kind) {
	case INI_SECTION:
		return section_start(ps, it->section);
	case INI_RAW_LINE:
		append_line(&ps->query->text, it->value);
		return 0;
	case INI_SETTING:
		return setting(ps, it);
	}
	return 0;
}

int sql_profile_parse(struct sql_profile *p, const char *text, const char *source)
{
	static const struct ini_syntax syntax = { raw_section };
	struct parse ps = { .p = p };
	int status;

	memset(p, 0, sizeof(*p));
	p->source = xstrdup(source);
	status = ini_parse(text, source, &syntax, on_item, &ps);
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
