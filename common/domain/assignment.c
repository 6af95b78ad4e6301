/*
 * assignment.c - see assignment.h.
 */
#include "domain/assignment.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/csvin.h"
#include "base/exitcode.h"
#include "base/grow.h"
#include "base/msg.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

static const char *const header[] = { "UserID", "Subcluster Name", "Node Name" };

void assignment_init(struct assignment *a)
{
	memset(a, 0, sizeof(*a));
	strset_init(&a->users);
}

void assignment_free(struct assignment *a)
{
	for (size_t i = 0; i < a->nnodes; i++)
		free(a->node[i]);
	free(a->node);
	free(a->line);
	strset_free(&a->users);
}

size_t assignment_add_node(struct assignment *a, const char *name)
{
	for (size_t i = 0; i < a->nnodes; i++)
		if (strcasecmp(a->node[i], name) == 0)
			return i;
	GROW(a->node, a->nnodes + 1, a->node_alloc);
	a->node[a->nnodes] = xstrdup(name);
	return a->nnodes++;
}

static void lower_into(struct strbuf *out, const char *s)
{
	strbuf_reset(out);
	for (; *s; s++)
		strbuf_addch(out, (char)tolower((unsigned char)*s));
}

long assignment_node(const struct assignment *a, const char *user_id)
{
	struct strbuf key = STRBUF_INIT;
	struct strset_entry *e;

	lower_into(&key, user_id);
	e = strset_find(&a->users, key.buf);
	strbuf_release(&key);
	return e ? (long)e->value : -1;
}

struct loader {
	struct assignment *a;
	bool header_seen;
	struct strbuf key;
};

static int on_record(const struct csv_record *rec, void *data)
{
	struct loader *l = data;
	struct assignment *a = l->a;
	struct strset_entry *e;
	size_t node;
	bool added;

	if (!l->header_seen) {
		for (size_t i = 0; i < 3; i++)
			if (strcasecmp(rec->field[i], header[i]) != 0)
				return fail(UCMIG_EX_DATAERR,
					    "%s:%lu: not a BAT user assignment export: the header must be "
					    "'UserID,Subcluster Name,Node Name'", rec->file, rec->line);
		l->header_seen = true;
		return 0;
	}
	if (!*rec->field[0] || !*rec->field[2])
		return fail(UCMIG_EX_DATAERR, "%s:%lu: %s is empty", rec->file, rec->line,
			    *rec->field[0] ? "Node Name" : "UserID");
	/* A node's name becomes a file name and a line of the plan. */
	for (const unsigned char *p = (const unsigned char *)rec->field[2]; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return fail(UCMIG_EX_DATAERR, "%s:%lu: Node Name holds a control character (0x%02x)",
				    rec->file, rec->line, *p);
	node = assignment_add_node(a, rec->field[2]);
	lower_into(&l->key, rec->field[0]);
	e = strset_add(&a->users, l->key.buf, &added);
	if (!added && e->value != node)
		return fail(UCMIG_EX_DATAERR, "%s:%lu: UserID %s is assigned to %s here and to %s on line %lu",
			    rec->file, rec->line, rec->field[0], rec->field[2], a->node[e->value],
			    a->line[e->flags]);
	if (added) {
		GROW(a->line, a->nlines + 1, a->line_alloc);
		a->line[a->nlines] = rec->line;
		e->flags = (unsigned)a->nlines++;
		e->value = node;
	}
	return 0;
}

int assignment_load(struct assignment *a, const char *path)
{
	struct loader l = { .a = a };
	struct csvin_options opt = { .min_fields = 3, .max_fields = CSVIN_MAX_FIELDS };
	struct textin in;
	int status;

	if ((status = textin_open(&in, path)))
		return status;
	strbuf_init(&l.key);
	status = csvin_read(&in, &opt, on_record, &l);
	if (!status && !l.header_seen)
		status = fail(UCMIG_EX_DATAERR, "%s: empty: no header, no users", in.name);
	strbuf_release(&l.key);
	textin_close(&in);
	return status;
}
