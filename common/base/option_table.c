/*
 * option_table.c - see option_table.h.
 */
#include "base/option_table.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/exitcode.h"
#include "base/msg.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

/* The options every tool has. Their data is the struct common_opts the
 * caller passes; -q, --progress and --no-progress act through the
 * handler. A row without help is hidden: --list-options is for the
 * completion generator and --list-results for ucmig(7)'s check, not for
 * people. */
enum { COMMON_QUIET = 1, COMMON_PROGRESS, COMMON_NO_PROGRESS, COMMON_HELP, COMMON_VERSION,
       COMMON_LIST, COMMON_RESULTS };

static const struct tool_option common_options[] = {
	OPT_CALLBACK("quiet", 'q', NULL, "print errors only", COMMON_QUIET),
	OPT_CALLBACK("progress", 0, NULL, "show progress even when stderr is not a terminal", COMMON_PROGRESS),
	OPT_CALLBACK("no-progress", 0, NULL, "never show progress", COMMON_NO_PROGRESS),
	OPT_FILE("report", 0, "FILE", "write one CSV line per record to FILE", struct common_opts, report),
	OPT_FILE("summary", 0, "FILE", "write what the run was and how it ended to FILE, as JSON",
		 struct common_opts, summary),
	OPT_CALLBACK("help", 'h', NULL, "show this help and exit", COMMON_HELP),
	OPT_CALLBACK("version", 'V', NULL, "show the version and the libraries in use, and exit", COMMON_VERSION),
	OPT_CALLBACK("list-options", 0, NULL, NULL, COMMON_LIST),
	OPT_CALLBACK("list-results", 0, NULL, NULL, COMMON_RESULTS),
	OPT_END,
};

static int common_option(int id, const char *arg, void *data)
{
	struct common_opts *common = data;

	(void)arg;
	switch (id) {
	case COMMON_QUIET: msg_set_quiet(true); return 0;
	case COMMON_PROGRESS: common->progress = PROGRESS_ON; return 0;
	case COMMON_NO_PROGRESS: common->progress = PROGRESS_OFF; return 0;
	}
	/* -h, -V, --list-options and --list-results are acted on by
	 * cmdline_parse itself. */
	return fail(UCMIG_EX_SOFTWARE, "common option %d not handled", id);
}

static void add_group(struct option_table *t, const struct option_group *g, size_t *alloc)
{
	for (const struct tool_option *o = g->options; o && o->name; o++) {
		if (t->n == *alloc) {
			*alloc = *alloc ? 2 * *alloc : 64;
			t->entry = xrealloc(t->entry, *alloc * sizeof(*t->entry));
		}
		t->entry[t->n++] = (struct option_entry){ o, g, !o->help };
	}
}

void option_table_build(struct option_table *t, const struct tool_spec *tool,
			struct common_opts *common)
{
	size_t alloc = 0;

	memset(t, 0, sizeof(*t));
	t->common = (struct option_group){ "common options", common_options, common_option, common };
	for (int g = 0; g < TOOL_MAX_GROUPS; g++)
		add_group(t, &tool->group[g], &alloc);
	add_group(t, &t->common, &alloc);
}

void option_table_release(struct option_table *t)
{
	free(t->entry);
	t->entry = NULL;
	t->n = 0;
}

int option_table_check(const struct option_table *t, const char *tool_name)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct tool_option *a = t->entry[i].row;

		for (size_t j = i + 1; j < t->n; j++) {
			const struct tool_option *b = t->entry[j].row;

			if (strcmp(a->name, b->name) == 0)
				return fail(UCMIG_EX_SOFTWARE, "%s: option --%s is defined twice (%s, %s)",
					    tool_name, a->name, t->entry[i].group->title,
					    t->entry[j].group->title);
			if (a->short_name && a->short_name == b->short_name)
				return fail(UCMIG_EX_SOFTWARE, "%s: option -%c is both --%s and --%s",
					    tool_name, a->short_name, a->name, b->name);
		}
		if (a->type == OPTION_ALIAS) {
			const struct option_entry *to = option_table_find(t, a->arg);
			if (!to || to->row->type == OPTION_ALIAS)
				return fail(UCMIG_EX_SOFTWARE, "%s: --%s is an old name of --%s, which is no option",
					    tool_name, a->name, a->arg);
		}
	}
	return 0;
}

const struct option_entry *option_table_find(const struct option_table *t, const char *name)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->entry[i].row->name, name) == 0)
			return &t->entry[i];
	return NULL;
}

const struct option_entry *option_table_by_getopt(const struct option_table *t, int c)
{
	if (c >= OPTION_INDEX_BASE && (size_t)(c - OPTION_INDEX_BASE) < t->n)
		return &t->entry[c - OPTION_INDEX_BASE];
	for (size_t i = 0; i < t->n; i++)
		if (t->entry[i].row->short_name && t->entry[i].row->short_name == c)
			return &t->entry[i];
	return NULL;
}

const struct option_entry *option_table_resolve(const struct option_table *t,
						const struct option_entry *e)
{
	if (e->row->type != OPTION_ALIAS)
		return e;
	return option_table_find(t, e->row->arg);   /* checked by option_table_check */
}

/* The index of arg among "a|b|c", or -1. */
static int choice_index(const char *choices, const char *arg)
{
	size_t len = strlen(arg);
	int i = 0;

	for (const char *p = choices; *p; i++) {
		size_t n = strcspn(p, "|");
		if (n == len && strncmp(p, arg, n) == 0)
			return i;
		p += n;
		if (*p == '|')
			p++;
	}
	return -1;
}

/* "--format: 'xml' is not text or json" (three: "a, b or c"). */
static int choice_refused(const struct tool_option *o, const char *arg)
{
	struct strbuf list = STRBUF_INIT;
	const char *last = strrchr(o->arg, '|');
	int status;

	for (const char *p = o->arg; *p; p++)
		if (*p != '|')
			strbuf_addch(&list, *p);
		else
			strbuf_addstr(&list, p == last ? " or " : ", ");
	status = fail(UCMIG_EX_USAGE, "--%s: '%s' is not %s", o->name, arg, list.buf);
	strbuf_release(&list);
	return status;
}

int option_store(const struct option_entry *e, const char *arg)
{
	const struct tool_option *o = e->row;
	char *field = (char *)e->group->data + o->offset;
	int i;

	switch (o->type) {
	case OPTION_FLAG:
		*(bool *)field = true;
		return 0;
	case OPTION_REPEAT:
		++*(int *)field;
		return 0;
	case OPTION_NUMBER:
		return cmdline_number(o->name, arg, o->min, o->max, (long *)field);
	case OPTION_DURATION:
		return cmdline_duration(o->name, arg, o->min, o->max, (long *)field);
	case OPTION_FILE:
	case OPTION_DIR:
		/* "-o ''" would fail only at the end, after the work. */
		if (!*arg)
			return fail(UCMIG_EX_USAGE, "--%s: the %s name is empty", o->name,
				    o->type == OPTION_DIR ? "directory" : "file");
		*(const char **)field = arg;
		return 0;
	case OPTION_STRING:
		*(const char **)field = arg;
		return 0;
	case OPTION_CHOICE:
		if ((i = choice_index(o->arg, arg)) < 0)
			return choice_refused(o, arg);
		*(int *)field = i;
		return 0;
	case OPTION_CALLBACK:
		return e->group->handle(o->id, arg, e->group->data);
	case OPTION_ALIAS:
		break;
	}
	return fail(UCMIG_EX_SOFTWARE, "--%s: option type %d not handled", o->name, (int)o->type);
}
