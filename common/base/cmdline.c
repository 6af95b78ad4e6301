/*
 * cmdline.c - see cmdline.h.
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
#include "base/strbuf.h"
#include "base/xalloc.h"

#ifndef UCMIG_VERSION
#define UCMIG_VERSION "unknown"
#endif

enum { COMMON_PROGRESS = 0x1000, COMMON_NO_PROGRESS, COMMON_REPORT };

static const struct tool_option common_options[] = {
	{ "quiet", 'q', no_argument, NULL, "print errors only", 'q' },
	{ "progress", 0, no_argument, NULL, "show progress even when stderr is not a terminal", COMMON_PROGRESS },
	{ "no-progress", 0, no_argument, NULL, "never show progress", COMMON_NO_PROGRESS },
	{ "report", 0, required_argument, "FILE", "write one CSV line per record to FILE", COMMON_REPORT },
	{ "help", 'h', no_argument, NULL, "show this help and exit", 'h' },
	{ "version", 'V', no_argument, NULL, "show the version and exit", 'V' },
	{ NULL, 0, 0, NULL, NULL, 0 },
};

static size_t count_options(const struct tool_option *o)
{
	size_t n = 0;

	while (o[n].name)
		n++;
	return n;
}

static void print_table(const char *title, const struct tool_option *o, FILE *out)
{
	fprintf(out, "\n%s:\n", title);
	for (; o->name; o++) {
		struct strbuf left = STRBUF_INIT;

		if (o->short_name)
			strbuf_addf(&left, "  -%c, --%s", o->short_name, o->name);
		else
			strbuf_addf(&left, "      --%s", o->name);
		if (o->arg && o->has_arg == optional_argument)
			strbuf_addf(&left, "[=%s]", o->arg);
		else if (o->arg)
			strbuf_addf(&left, " %s", o->arg);
		if (left.len < 30)
			fprintf(out, "%-30s%s\n", left.buf, o->help);
		else
			fprintf(out, "%s\n%-30s%s\n", left.buf, "", o->help);
		strbuf_release(&left);
	}
}

int cmdline_number(const char *name, const char *arg, long min, long max, long *out)
{
	char *end;
	long v = strtol(arg, &end, 10);

	if (end == arg || *end || v < min || v > max)
		return fail(UCMIG_EX_USAGE, "--%s: '%s' is not a number from %ld to %ld", name, arg, min, max);
	*out = v;
	return 0;
}

/* Units of a duration, in seconds. */
static const struct {
	char unit;
	long seconds;
} duration_units[] = { { 'd', 86400 }, { 'h', 3600 }, { 'm', 60 }, { 's', 1 } };

int cmdline_duration(const char *name, const char *arg, long min_s, long max_s, long *out)
{
	const char *s = arg;
	long total = 0;
	size_t next_unit = 0;

	while (*s) {
		char *end;
		long v = strtol(s, &end, 10);
		size_t u = next_unit;

		if (end == s || v < 0 || v > max_s)
			goto bad;
		while (u < sizeof(duration_units) / sizeof(duration_units[0]) &&
		       duration_units[u].unit != *end)
			u++;
		if (*end && u == sizeof(duration_units) / sizeof(duration_units[0]))
			goto bad;
		if (!*end) {            /* a bare number is seconds, and ends it */
			if (s != arg)
				goto bad;
			u = sizeof(duration_units) / sizeof(duration_units[0]) - 1;
		} else {
			end++;
		}
		total += v * duration_units[u].seconds;
		if (total > max_s)
			goto bad;
		next_unit = u + 1;      /* units in order, each once: 1h30m, not 30m1h */
		s = end;
	}
	if (s == arg || total < min_s)
		goto bad;
	*out = total;
	return 0;
bad:
	return fail(UCMIG_EX_USAGE, "--%s: '%s' is not a duration from %lds to %lds (like 4h, 90m, 1h30m, 45s)",
		    name, arg, min_s, max_s);
}

void cmdline_usage(const struct tool_spec *tool, FILE *out)
{
	fprintf(out, "usage: %s %s\n%s\n", tool->name, tool->synopsis, tool->summary);
	for (int g = 0; g < TOOL_MAX_GROUPS; g++)
		if (tool->group[g].options)
			print_table(tool->group[g].title, tool->group[g].options, out);
	print_table("common options", common_options, out);
	fprintf(out, "\nexit status:\n");
	for (const struct exit_info *e = exit_table; e->text; e++)
		fprintf(out, "  %-4d%s\n", e->code, e->text);
	fprintf(out, "See %s(1) and ucmig(7).\n", tool->name);
}

static void add_options(const struct tool_option *o, struct option *lo,
			const struct tool_option **table, size_t *n, struct strbuf *shorts)
{
	for (; o->name; o++, (*n)++) {
		lo[*n] = (struct option){ o->name, o->has_arg, NULL, o->id };
		table[*n] = o;
		if (o->short_name) {
			strbuf_addch(shorts, o->short_name);
			if (o->has_arg == required_argument)
				strbuf_addch(shorts, ':');
			else if (o->has_arg == optional_argument)
				strbuf_addstr(shorts, "::");
		}
	}
}

/* The option with long name name, or NULL. */
static const struct tool_option *find_option(const struct tool_spec *tool, const char *name)
{
	for (int g = 0; g < TOOL_MAX_GROUPS; g++)
		for (const struct tool_option *o = tool->group[g].options; o && o->name; o++)
			if (strcmp(o->name, name) == 0)
				return o;
	for (const struct tool_option *o = common_options; o->name; o++)
		if (strcmp(o->name, name) == 0)
			return o;
	return NULL;
}

/* The option whose id (or letter) is c. */
static const struct tool_option *find_option_by_id(const struct tool_spec *tool, int c)
{
	for (int g = 0; g < TOOL_MAX_GROUPS; g++)
		for (const struct tool_option *o = tool->group[g].options; o && o->name; o++)
			if (o->id == c || (o->short_name && o->short_name == c))
				return o;
	for (const struct tool_option *o = common_options; o->name; o++)
		if (o->id == c || (o->short_name && o->short_name == c))
			return o;
	return NULL;
}

/* The handler of the group that declares option id c. */
static int dispatch(const struct tool_spec *tool, int c, const char *arg)
{
	for (int g = 0; g < TOOL_MAX_GROUPS; g++) {
		const struct tool_option *o = tool->group[g].options;
		/* getopt gives the letter for a short option, the id for a long one. */
		for (; o && o->name; o++)
			if (o->id == c || (o->short_name && o->short_name == c))
				return tool->group[g].handle(o->id, arg, tool->group[g].data);
	}
	return fail(UCMIG_EX_SOFTWARE, "option %d has no handler", c);
}

/* One option, from argv or ucmig.conf: the common ones here, the rest
 * to their group's handler. */
static int apply(const struct tool_spec *tool, struct common_opts *common, int c, const char *arg)
{
	/* "-o ''" would fail only at the end, after the work: no file is
	 * named by nothing. (Other values are their handlers' to check.) */
	const struct tool_option *o = find_option_by_id(tool, c);
	if (arg && !*arg && o && o->arg && strcmp(o->arg, "FILE") == 0)
		return fail(UCMIG_EX_USAGE, "--%s: the file name is empty", o->name);
	switch (c) {
	case 'q':
		msg_set_quiet(true);
		return 0;
	case COMMON_PROGRESS:
		common->progress = PROGRESS_ON;
		return 0;
	case COMMON_NO_PROGRESS:
		common->progress = PROGRESS_OFF;
		return 0;
	case COMMON_REPORT:
		common->report = arg;
		return 0;
	}
	return dispatch(tool, c, arg);
}

/* ucmig.conf: each setting an option by its long name, applied before
 * the command line and only where the command line does not give that
 * option itself (config.h). */
struct conf_ctx {
	const struct tool_spec *tool;
	struct common_opts *common;
	const struct tool_option *const *table;   /* every option of the tool */
	const bool *on_command_line;              /* by index of table */
	size_t n;
};

/* Handlers keep the argument pointers they are given, as they may for
 * argv's strings; a file's values are copied to live as long. */
static const char *keep_value(const char *value)
{
	static char **kept;
	static size_t nkept, alloc;

	GROW(kept, nkept + 1, alloc);
	return kept[nkept++] = xstrdup(value);
}

static int conf_setting(const struct config_setting *cs, void *data)
{
	struct conf_ctx *cx = data;
	const struct tool_option *o = find_option(cx->tool, cs->key);
	const char *value = NULL;
	size_t k;
	int status;

	if (!o || o->id == 'h' || o->id == 'V') {
		if (!cs->tool_section)
			return 0;     /* [ucmig] is shared: another tool's option */
		return fail(UCMIG_EX_CONFIG, "%s:%lu: %s has no option --%s", cs->source, cs->line,
			    cx->tool->name, cs->key);
	}
	for (k = 0; k < cx->n && cx->table[k] != o; k++)
		;
	if (k < cx->n && cx->on_command_line[k])
		return 0;             /* the command line wins */
	if (o->has_arg != no_argument)
		value = keep_value(cs->value);
	if (o->has_arg == no_argument) {
		bool on;
		if (!config_boolean(cs->value, &on))
			return fail(UCMIG_EX_CONFIG, "%s:%lu: %s takes yes or no", cs->source, cs->line,
				    cs->key);
		if (!on)
			return 0;
		status = apply(cx->tool, cx->common, o->id, NULL);
	} else {
		status = apply(cx->tool, cx->common, o->id, value);
	}
	if (status)
		return fail(UCMIG_EX_CONFIG, "%s:%lu: the value of %s is not usable", cs->source,
			    cs->line, cs->key);
	return 0;
}

/* Which options argv gives, by index into table, without acting on any:
 * errors are reported by the real pass that follows. getopt returns an
 * option's id for its long name and its letter for its short one. */
static void scan_command_line(int argc, char **argv, const char *shorts, const struct option *lo,
			      const struct tool_option *const *table, size_t n, bool *seen)
{
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, shorts, lo, NULL)) != -1)
		for (size_t k = 0; k < n; k++)
			if (table[k]->id == c || (table[k]->short_name && table[k]->short_name == c))
				seen[k] = true;
}

/* --help and --version need no configuration file (and must work when
 * it is broken). */
static bool wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h") ||
		    !strcmp(argv[i], "--version") || !strcmp(argv[i], "-V"))
			return true;
	return false;
}

int cmdline_parse(const struct tool_spec *tool, int argc, char **argv,
		  struct common_opts *common, int *first_operand)
{
	size_t n = 0, total = count_options(common_options);
	struct option *lo;
	const struct tool_option **table;
	struct strbuf shorts = STRBUF_INIT;
	bool *seen;
	int c, status = 0;

	for (int g = 0; g < TOOL_MAX_GROUPS; g++)
		if (tool->group[g].options)
			total += count_options(tool->group[g].options);
	lo = xcalloc(total + 1, sizeof(*lo));
	table = xcalloc(total + 1, sizeof(*table));
	seen = xcalloc(total + 1, sizeof(*seen));
	memset(common, 0, sizeof(*common));
	strbuf_addch(&shorts, ':'); /* report a missing argument as ':' */
	for (int g = 0; g < TOOL_MAX_GROUPS; g++)
		if (tool->group[g].options)
			add_options(tool->group[g].options, lo, table, &n, &shorts);
	add_options(common_options, lo, table, &n, &shorts);

	scan_command_line(argc, argv, shorts.buf, lo, table, n, seen);
	if (!wants_help(argc, argv)) {
		struct conf_ctx cx = { tool, common, table, seen, n };
		if ((status = config_read(tool->name, conf_setting, &cx)))
			goto out;
	}

	opterr = 0;
	optind = 1;
	while (!status && (c = getopt_long(argc, argv, shorts.buf, lo, NULL)) != -1) {
		switch (c) {
		case 'h':
			cmdline_usage(tool, stdout);
			common->exit_now = true;
			goto out;
		case 'V':
			printf("%s %s\n", tool->name, UCMIG_VERSION);
			common->exit_now = true;
			goto out;
		case ':':
			status = fail(UCMIG_EX_USAGE, "option '%s' needs an argument; see --help",
				      argv[optind - 1]);
			break;
		case '?':
			if (optopt)
				status = fail(UCMIG_EX_USAGE, "unknown option '-%c'; see --help", optopt);
			else
				status = fail(UCMIG_EX_USAGE, "unknown option '%s'; see --help",
					      argv[optind - 1]);
			break;
		default:
			status = apply(tool, common, c, optarg);
		}
	}
out:
	*first_operand = optind;
	free(lo);
	free(table);
	free(seen);
	strbuf_release(&shorts);
	return status;
}
