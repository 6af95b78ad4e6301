/*
 * cmdline_help.c - what a tool's option table says to people (--help)
 * and to the completion generator (--list-options), and the two value
 * grammars rows share (numbers, durations). See cmdline.h.
 */
#include <stdio.h>
#include <stdlib.h>

#include "base/cmdline.h"
#include "base/exitcode.h"
#include "base/msg.h"
#include "base/option_table.h"
#include "base/strbuf.h"

static void print_row(const struct tool_option *o, FILE *out)
{
	struct strbuf left = STRBUF_INIT;

	if (o->short_name)
		strbuf_addf(&left, "  -%c, --%s", o->short_name, o->name);
	else
		strbuf_addf(&left, "      --%s", o->name);
	if (o->arg && o->optional_arg)
		strbuf_addf(&left, "[=%s]", o->arg);
	else if (o->arg)
		strbuf_addf(&left, " %s", o->arg);
	if (left.len < 30)
		fprintf(out, "%-30s%s\n", left.buf, o->help);
	else
		fprintf(out, "%s\n%-30s%s\n", left.buf, "", o->help);
	strbuf_release(&left);
}

/* A group's visible rows under its title; old spellings are listed once,
 * at the end, with what replaced them. */
static void print_group(const struct option_group *g, FILE *out)
{
	bool any_alias = false;

	fprintf(out, "\n%s:\n", g->title);
	for (const struct tool_option *o = g->options; o->name; o++) {
		if (o->type == OPTION_ALIAS)
			any_alias = true;
		else if (o->help)
			print_row(o, out);
	}
	if (!any_alias)
		return;
	fprintf(out, "  old names, taken with a warning until the next release:");
	for (const struct tool_option *o = g->options; o->name; o++)
		if (o->type == OPTION_ALIAS)
			fprintf(out, " --%s (--%s)", o->name, o->arg);
	fprintf(out, "\n");
}

void cmdline_usage(const struct tool_spec *tool, FILE *out)
{
	struct common_opts unused;
	struct option_table t;

	option_table_build(&t, tool, &unused);
	fprintf(out, "usage: %s %s\n%s\n", tool->name, tool->synopsis, tool->summary);
	for (int g = 0; g < TOOL_MAX_GROUPS; g++)
		if (tool->group[g].options)
			print_group(&tool->group[g], out);
	print_group(&t.common, out);
	fprintf(out, "\nexit status:\n");
	for (const struct exit_info *e = exit_table; e->text; e++)
		fprintf(out, "  %-4d%s\n", e->code, e->text);
	fprintf(out, "See %s(1) and ucmig(7).\n", tool->name);
	option_table_release(&t);
}

static const char *const type_names[] = {
	[OPTION_FLAG] = "flag", [OPTION_REPEAT] = "flag", [OPTION_NUMBER] = "number",
	[OPTION_DURATION] = "duration", [OPTION_FILE] = "file", [OPTION_DIR] = "dir",
	[OPTION_STRING] = "string", [OPTION_CHOICE] = "choice", [OPTION_CALLBACK] = "value",
	[OPTION_ALIAS] = "alias",
};

void cmdline_list_options(const struct tool_spec *tool, FILE *out)
{
	struct common_opts unused;
	struct option_table t;

	option_table_build(&t, tool, &unused);
	for (size_t i = 0; i < t.n; i++) {
		const struct tool_option *o = t.entry[i].row;
		const char *type = type_names[o->type];

		if (t.entry[i].hidden && o->type != OPTION_ALIAS)   /* itself, --list-results */
			continue;
		if (o->type == OPTION_CALLBACK && !o->arg)
			type = "flag";
		else if (o->type == OPTION_CALLBACK && o->names)
			type = type_names[o->names];
		fprintf(out, "%s\t%c\t%s\t%s\n", o->name, o->short_name ? o->short_name : '-', type,
			o->arg ? o->arg : "-");
	}
	option_table_release(&t);
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

enum { DURATION_UNITS = sizeof(duration_units) / sizeof(duration_units[0]) };

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
		while (u < DURATION_UNITS && duration_units[u].unit != *end)
			u++;
		if (*end && u == DURATION_UNITS)
			goto bad;
		if (!*end) {            /* a bare number is seconds, and ends it */
			if (s != arg)
				goto bad;
			u = DURATION_UNITS - 1;
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
