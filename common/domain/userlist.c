/*
 * userlist.c - see userlist.h.
 */
#include "domain/userlist.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/grow.h"
#include "base/csvin.h"
#include "base/exitcode.h"
#include "base/msg.h"
#include "domain/dn.h"
#include "domain/sipuri.h"
#include "base/textin.h"
#include "base/xalloc.h"

static const char assignment_header[] = "UserID,Subcluster Name,Node Name";

static void add_uri(struct userlist *ul, const char *uri, const char *node, unsigned long line);

void userlist_init(struct userlist *ul)
{
	memset(ul, 0, sizeof(*ul));
	strset_init(&ul->keys);
}

void userlist_add_uri(struct userlist *ul, const char *uri, unsigned long line)
{
	add_uri(ul, uri, NULL, line);
}

void userlist_free(struct userlist *ul)
{
	for (size_t i = 0; i < ul->duplicates && ul->dup; i++)
		free(ul->dup[i].value);
	free(ul->dup);
	for (size_t i = 0; i < ul->count; i++) {
		free(ul->entry[i].value);
		free(ul->entry[i].node);
	}
	free(ul->entry);
	strset_free(&ul->keys);
	userlist_init(ul);
}

void userlist_move_duplicates(struct userlist *to, struct userlist *from)
{
	for (size_t i = 0; i < from->duplicates; i++) {
		GROW(to->dup, to->duplicates + 1, to->dup_alloc);
		to->dup[to->duplicates++] = from->dup[i];
	}
	free(from->dup);
	from->dup = NULL;
	from->duplicates = from->dup_alloc = 0;
}

void userlist_report_duplicates(const struct userlist *ul, struct report *r, const char *action)
{
	struct strbuf detail = STRBUF_INIT;

	for (size_t i = 0; ul->dup && i < ul->duplicates; i++) {
		strbuf_reset(&detail);
		strbuf_addf(&detail, "line %lu repeats line %lu: acted on once", ul->dup[i].line,
			    ul->dup[i].first_line);
		report_line(r, ul->dup[i].value, action, RESULT_LISTED_TWICE, detail.buf);
	}
	strbuf_release(&detail);
}

struct strset_entry *userlist_find(const struct userlist *ul, const char *uri)
{
	struct strbuf key = STRBUF_INIT;
	struct strset_entry *e;

	sipuri_key(uri, &key);
	e = strset_find(&ul->keys, key.buf);
	strbuf_release(&key);
	return e;
}

static void append(struct userlist *ul, enum userlist_kind kind, const char *value,
		   const char *node, unsigned long line)
{
	GROW(ul->entry, ul->count + 1, ul->alloc);
	ul->entry[ul->count++] = (struct userlist_entry){
		.kind = kind, .value = xstrdup(value),
		.node = node ? xstrdup(node) : NULL, .line = line,
	};
}

static void add_uri(struct userlist *ul, const char *uri, const char *node, unsigned long line)
{
	struct strbuf key = STRBUF_INIT;
	struct strset_entry *e;
	bool added;

	sipuri_key(uri, &key);
	e = strset_add(&ul->keys, key.buf, &added);
	strbuf_release(&key);
	if (added) {
		e->value = ul->count;
		append(ul, USERLIST_URI, uri, node, line);
	} else {
		GROW(ul->dup, ul->duplicates + 1, ul->dup_alloc);
		ul->dup[ul->duplicates++] = (struct userlist_duplicate){
			xstrdup(uri), line, ul->entry[e->value].line };
	}
}

static int add_line(struct userlist *ul, const char *file, unsigned long lineno,
		    const char *s, size_t len)
{
	struct strbuf uri = STRBUF_INIT;
	const char *why;

	if (len >= 3 && strncasecmp(s, "DN:", 3) == 0) {
		char *dn;

		s += 3;
		len -= 3;
		span_trim(&s, &len);
		if ((why = dn_syntax_check(s, len)))
			return fail(UCMIG_EX_DATAERR, "%s:%lu: malformed distinguished name after 'DN:': %s",
				    file, lineno, why);
		dn = xstrndup(s, len);
		append(ul, USERLIST_DN, dn, NULL, lineno);
		free(dn);
		return 0;
	}
	if ((why = sipuri_parse(s, len, &uri))) {
		int status = fail(UCMIG_EX_DATAERR, "%s:%lu: malformed SIP URI '%.*s': %s",
				  file, lineno, (int)len, s, why);
		strbuf_release(&uri);
		return status;
	}
	add_uri(ul, uri.buf, NULL, lineno);
	strbuf_release(&uri);
	return 0;
}

struct assignment_ctx {
	struct userlist *ul;
	const char *domain;
	bool header_seen;
};

static int add_assignment(const struct csv_record *rec, void *data)
{
	struct assignment_ctx *ctx = data;
	struct strbuf addr = STRBUF_INIT;
	struct strbuf uri = STRBUF_INIT;
	const char *why;
	int status = 0;

	if (!ctx->header_seen) {
		ctx->header_seen = true;
		return 0;
	}
	strbuf_addf(&addr, "%s@%s", rec->field[0], ctx->domain);
	if ((why = sipuri_parse(addr.buf, addr.len, &uri)))
		status = fail(UCMIG_EX_DATAERR, "%s:%lu: UserID '%s' does not make a SIP URI: %s",
			      rec->file, rec->line, rec->field[0], why);
	else
		add_uri(ctx->ul, uri.buf, rec->nfields >= 3 ? rec->field[2] : NULL, rec->line);
	strbuf_release(&addr);
	strbuf_release(&uri);
	return status;
}

static bool is_assignment_header(const char *s, size_t len)
{
	span_trim(&s, &len);
	return len == sizeof(assignment_header) - 1 &&
	       strncasecmp(s, assignment_header, len) == 0;
}

int userlist_load(struct userlist *ul, const char *path, const struct userlist_options *opt)
{
	struct textin in;
	const char *line;
	size_t len;
	int status = 0;
	bool first = true;

	if ((status = textin_open(&in, path)))
		return status;
	ul->file = in.name;
	while (!(status = textin_getline(&in, &line, &len)) && line) {
		const char *s = line;
		size_t n = len;

		span_trim(&s, &n);
		if (n == 0 || *s == '#')
			continue;
		if (first && is_assignment_header(s, n)) {
			struct assignment_ctx ctx = { .ul = ul, .domain = opt ? opt->domain : NULL };
			/* UserID, Subcluster Name, Node Name: a row short of a
			 * column is a damaged export, not a user to guess at. */
			struct csvin_options copt = { .min_fields = 3, .max_fields = CSVIN_MAX_FIELDS };

			if (!ctx.domain) {
				status = fail(UCMIG_EX_USAGE,
					      "%s:%lu: this is an IM and Presence user assignment export; give --domain to turn its UserIDs into SIP URIs",
					      in.name, in.lineno);
				break;
			}
			textin_ungetline(&in);
			status = csvin_read(&in, &copt, add_assignment, &ctx);
			break;
		}
		first = false;
		if ((status = add_line(ul, in.name, in.lineno, s, n)))
			break;
	}
	textin_close(&in);
	return status;
}
