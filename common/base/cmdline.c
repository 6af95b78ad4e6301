/*
 * cmdline.c - see cmdline.h.
 */
#include "base/cmdline.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/exitcode.h"
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

static void add_options(const struct tool_option *o, struct option *lo, size_t *n,
			struct strbuf *shorts)
{
	for (; o->name; o++, (*n)++) {
		lo[*n] = (struct option){ o->name, o->has_arg, NULL, o->id };
		if (o->short_name) {
			strbuf_addch(shorts, o->short_name);
			if (o->has_arg == required_argument)
				strbuf_addch(shorts, ':');
			else if (o->has_arg == optional_argument)
				strbuf_addstr(shorts, "::");
		}
	}
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

int cmdline_parse(const struct tool_spec *tool, int argc, char **argv,
		  struct common_opts *common, int *first_operand)
{
	size_t n = 0, total = count_options(common_options);
	struct option *lo;
	struct strbuf shorts = STRBUF_INIT;
	int c, status = 0;

	for (int g = 0; g < TOOL_MAX_GROUPS; g++)
		if (tool->group[g].options)
			total += count_options(tool->group[g].options);
	lo = xcalloc(total + 1, sizeof(*lo));
	memset(common, 0, sizeof(*common));
	strbuf_addch(&shorts, ':'); /* report a missing argument as ':' */
	for (int g = 0; g < TOOL_MAX_GROUPS; g++)
		if (tool->group[g].options)
			add_options(tool->group[g].options, lo, &n, &shorts);
	add_options(common_options, lo, &n, &shorts);
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
		case 'q':
			msg_set_quiet(true);
			break;
		case COMMON_PROGRESS:
			common->progress = PROGRESS_ON;
			break;
		case COMMON_NO_PROGRESS:
			common->progress = PROGRESS_OFF;
			break;
		case COMMON_REPORT:
			common->report = optarg;
			break;
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
			status = dispatch(tool, c, optarg);
		}
	}
out:
	*first_operand = optind;
	free(lo);
	strbuf_release(&shorts);
	return status;
}
