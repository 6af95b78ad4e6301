/*
 * cmdline.c - argv and ucmig.conf into a tool's settings, through its
 * option table (cmdline.h, option_table.h).
 */
#include "base/cmdline.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/exitcode.h"
#include "base/grow.h"
#include "base/msg.h"
#include "base/option_table.h"
#include "base/result.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

#ifndef UCMIG_VERSION
#define UCMIG_VERSION "unknown"
#endif

/* The long names argv itself gave in the last parse (cmdline_on_command_line). */
static struct {
	char **name;
	size_t n, alloc;
} given;

static void forget_given(void)
{
	for (size_t i = 0; i < given.n; i++)
		free(given.name[i]);
	given.n = 0;
}

static void remember_given(const char *name)
{
	GROW(given.name, given.n + 1, given.alloc);
	given.name[given.n++] = xstrdup(name);
}

bool cmdline_on_command_line(const char *name)
{
	for (size_t i = 0; i < given.n; i++)
		if (strcmp(given.name[i], name) == 0)
			return true;
	return false;
}

/* An old spelling: say what replaced it, then act as the new one. */
static const struct option_entry *follow_alias(const struct option_table *t,
					       const struct option_entry *e, const char *where)
{
	if (e->row->type != OPTION_ALIAS)
		return e;
	warn("%s--%s is the old name of --%s; it goes in the next release", where, e->row->name,
	     e->row->arg);
	return option_table_resolve(t, e);
}

/* Handlers keep the argument pointers they are given, as they may for
 * argv's strings; a file's values are copied to live as long. */
static const char *keep_value(const char *value)
{
	static char **kept;
	static size_t nkept, alloc;

	GROW(kept, nkept + 1, alloc);
	return kept[nkept++] = xstrdup(value);
}

/* ucmig.conf: each setting an option by its long name, applied before
 * the command line and only where the command line does not give that
 * option itself (config.h). */
struct conf_ctx {
	const struct tool_spec *tool;
	const struct option_table *table;
	const bool *on_command_line;              /* by index of table */
};

static bool acts_at_once(const struct tool_option *o)
{
	return o->type == OPTION_CALLBACK && o->name && (o->short_name == 'h' || o->short_name == 'V' ||
							  strcmp(o->name, "list-options") == 0 ||
							  strcmp(o->name, "list-results") == 0);
}

static int conf_setting(const struct config_setting *cs, void *data)
{
	struct conf_ctx *cx = data;
	const struct option_entry *e = option_table_find(cx->table, cs->key);
	char where[64];
	bool on;

	/* In [ucmig] an old spelling may be another group's current name
	 * (password-file is LDAP's there, never the XMPP server's). */
	if (!e || acts_at_once(e->row) || (e->row->type == OPTION_ALIAS && !cs->tool_section)) {
		if (!cs->tool_section)
			return 0;     /* [ucmig] is shared: another tool's option */
		return fail(UCMIG_EX_CONFIG, "%s:%lu: %s has no option --%s", cs->source, cs->line,
			    cx->tool->name, cs->key);
	}
	snprintf(where, sizeof(where), "%s:%lu: ", cs->source, cs->line);
	e = follow_alias(cx->table, e, where);
	if (cx->on_command_line[e - cx->table->entry])
		return 0;             /* the command line wins */
	if (e->row->arg) {
		if (!option_store(e, keep_value(cs->value)))
			return 0;
	} else if (!config_boolean(cs->value, &on)) {
		return fail(UCMIG_EX_CONFIG, "%s:%lu: %s takes yes or no", cs->source, cs->line, cs->key);
	} else if (!on || !option_store(e, NULL)) {
		return 0;
	}
	return fail(UCMIG_EX_CONFIG, "%s:%lu: the value of %s is not usable", cs->source, cs->line,
		    cs->key);
}

/* getopt_long's arrays from the table: every long option returns its
 * entry's index; short letters return themselves. */
static struct option *getopt_longs(const struct option_table *t, struct strbuf *shorts)
{
	struct option *lo = xcalloc(t->n + 1, sizeof(*lo));

	strbuf_addch(shorts, ':');  /* report a missing argument as ':' */
	for (size_t i = 0; i < t->n; i++) {
		const struct tool_option *o = option_table_resolve(t, &t->entry[i])->row;
		int has_arg = !o->arg ? no_argument : o->optional_arg ? optional_argument : required_argument;

		lo[i] = (struct option){ t->entry[i].row->name, has_arg, NULL, OPTION_INDEX_BASE + (int)i };
		if (t->entry[i].row->short_name) {
			strbuf_addch(shorts, t->entry[i].row->short_name);
			if (has_arg == required_argument)
				strbuf_addch(shorts, ':');
			else if (has_arg == optional_argument)
				strbuf_addstr(shorts, "::");
		}
	}
	return lo;
}

/* Which options argv gives, without acting on any: errors are reported
 * by the real pass that follows. */
static void scan_command_line(int argc, char **argv, const char *shorts, const struct option *lo,
			      const struct option_table *t, bool *seen)
{
	const struct option_entry *e;
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, shorts, lo, NULL)) != -1)
		if ((e = option_table_by_getopt(t, c))) {
			e = option_table_resolve(t, e);
			seen[e - t->entry] = true;
			remember_given(e->row->name);
		}
}

/* --help and --version need no configuration file (and must work when
 * it is broken). */
static bool wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h") ||
		    !strcmp(argv[i], "--version") || !strcmp(argv[i], "-V") ||
		    !strcmp(argv[i], "--list-options") || !strcmp(argv[i], "--list-results"))
			return true;
	return false;
}

/* The suite's version, then each library the tool runs on. */
static void print_version(const struct tool_spec *tool)
{
	struct strbuf libs = STRBUF_INIT;

	for (size_t i = 0; i < sizeof(tool->versions) / sizeof(tool->versions[0]); i++)
		if (tool->versions[i])
			tool->versions[i](&libs);
	base_library_versions(&libs);
	printf("%s %s\n%s", tool->name, UCMIG_VERSION, libs.buf);
	strbuf_release(&libs);
}

/* One option from argv. */
static int take_option(const struct tool_spec *tool, const struct option_table *t, int c,
		       char **argv, struct common_opts *common)
{
	const struct option_entry *e;

	if (c == ':')
		return fail(UCMIG_EX_USAGE, "option '%s' needs an argument; see --help", argv[optind - 1]);
	if (c == '?' && optopt && optopt < OPTION_INDEX_BASE)
		return fail(UCMIG_EX_USAGE, "unknown option '-%c'; see --help", optopt);
	if (c == '?' || !(e = option_table_by_getopt(t, c)))
		return fail(UCMIG_EX_USAGE, "unknown option '%s'; see --help", argv[optind - 1]);
	e = follow_alias(t, e, "");
	if (acts_at_once(e->row)) {
		if (e->row->short_name == 'h')
			cmdline_usage(tool, stdout);
		else if (e->row->short_name == 'V')
			print_version(tool);
		else if (strcmp(e->row->name, "list-options") == 0)
			cmdline_list_options(tool, stdout);
		else
			result_list(stdout);
		common->exit_now = true;
		return 0;
	}
	return option_store(e, optarg);
}

int cmdline_check_table(const struct tool_spec *tool)
{
	struct common_opts unused;
	struct option_table t;
	int status;

	option_table_build(&t, tool, &unused);
	status = option_table_check(&t, tool->name);
	option_table_release(&t);
	return status;
}

int cmdline_parse(const struct tool_spec *tool, int argc, char **argv,
		  struct common_opts *common, int *first_operand)
{
	struct option_table t;
	struct strbuf shorts = STRBUF_INIT;
	struct option *lo = NULL;
	bool *seen = NULL;
	int c, status;

	memset(common, 0, sizeof(*common));
	*first_operand = argc;
	forget_given();
	option_table_build(&t, tool, common);
	if ((status = option_table_check(&t, tool->name)))
		goto out;
	lo = getopt_longs(&t, &shorts);
	seen = xcalloc(t.n + 1, sizeof(*seen));
	scan_command_line(argc, argv, shorts.buf, lo, &t, seen);
	if (!wants_help(argc, argv)) {
		struct conf_ctx cx = { tool, &t, seen };
		if ((status = config_read(tool->name, conf_setting, &cx)))
			goto out;
	}
	opterr = 0;
	optind = 1;
	while (!status && !common->exit_now && (c = getopt_long(argc, argv, shorts.buf, lo, NULL)) != -1)
		status = take_option(tool, &t, c, argv, common);
	*first_operand = optind;
out:
	free(lo);
	free(seen);
	strbuf_release(&shorts);
	option_table_release(&t);
	return status;
}
