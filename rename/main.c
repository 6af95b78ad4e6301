/*
 * ucmig-rename - rename contact IDs: a filter on BAT contact CSV that
 * applies a BAT rename map (Contact ID,New Contact ID) to every row.
 *
 * Phases: 1 check the options; 2 read and check the whole map (a bad
 * line: 65, nothing written); 3 filter the input to the output; 4 the
 * report (one line per map entry) and the summary.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cmdline.h"
#include "base/exitcode.h"
#include "base/infile.h"
#include "base/msg.h"
#include "base/outfile.h"
#include "base/wrapup.h"
#include "domain/rename_map.h"
#include "domain/rename_filter.h"
#include "outcome.h"

struct settings {
	const char *map, *output;
	bool owners;
};

enum { OPT_MAP = 0x100, OPT_OWNERS };

static const struct tool_option options[] = {
	{ "map", 0, required_argument, "FILE", "the BAT rename file: Contact ID,New Contact ID", OPT_MAP },
	{ "owners", 0, no_argument, NULL, "rename owners (User ID, User Domain) too", OPT_OWNERS },
	{ "output", 'o', required_argument, "FILE", "write the CSV to FILE (default: standard output)", 'o' },
	{ NULL, 0, 0, NULL, NULL, 0 },
};

static int handle_option(int id, const char *arg, void *data)
{
	struct settings *s = data;

	switch (id) {
	case OPT_MAP: s->map = arg; return 0;
	case OPT_OWNERS: s->owners = true; return 0;
	case 'o': s->output = arg; return 0;
	}
	return fail(UCMIG_EX_SOFTWARE, "option %d not handled", id);
}

static int check_settings(const struct settings *s, int noperands)
{
	if (!s->map)
		return fail(UCMIG_EX_USAGE, "give --map FILE (the BAT rename file); see --help");
	if (noperands > 1)
		return fail(UCMIG_EX_USAGE, "give at most one CSV (default: standard input)");
	return 0;
}

/* 3: input to output; the output file appears only when all went well. */
static int run_filter(const struct settings *s, const struct rename_map *map, const char *path,
		      struct filter_stats *st)
{
	struct outfile out = { 0 };
	int fd, status;

	if ((status = infile_open(path, &fd)))
		return status;
	if (!(status = outfile_open(&out, s->output))) {
		setvbuf(out.fp, NULL, _IOFBF, 1 << 20);
		status = filter_run(map, s->owners, fd, infile_display_name(path), out.fp, st);
	}
	if (!status)
		status = outfile_commit(&out);
	else
		outfile_abort(&out);
	infile_close(fd);
	return status;
}

/* 4: one report line per map entry. */
static void report(struct wrapup *w, const struct rename_map *map, const struct filter_stats *st)
{
	char detail[64];

	for (size_t i = 0; i < map->n; i++) {
		const struct rename_entry *e = &map->entry[i];

		snprintf(detail, sizeof(detail), "%lu row%s", st->uses[i], st->uses[i] == 1 ? "" : "s");
		wrapup_record(w, st->uses[i] ? OUT_RENAMED : OUT_UNUSED, e->old_address, "rename",
			      st->uses[i] ? detail : NULL);
	}
	wrapup_summary_addf(w, "%llu rows: %lu contact%s renamed", st->rows, st->contacts_renamed,
			    st->contacts_renamed == 1 ? "" : "s");
	if (st->owners_renamed)
		wrapup_summary_addf(w, ", %lu owner%s renamed", st->owners_renamed,
				    st->owners_renamed == 1 ? "" : "s");
	wrapup_summary_addf(w, "; map of %zu", map->n);
	wrapup_summary_counts(w, 0, ": ");
}

int main(int argc, char **argv)
{
	struct settings s = { .output = "-" };
	const struct tool_spec tool = {
		.name = "ucmig-rename",
		.synopsis = "--map MAP [--owners] [-o FILE] [CSV]",
		.summary = "Rename contact IDs in BAT contact CSV with a BAT rename map.",
		.group = { { "options", options, handle_option, &s } },
	};
	struct common_opts common;
	struct rename_map map;
	struct filter_stats st = { 0 };
	struct wrapup w;
	const char *path;
	int first, status;

	msg_init(argv[0]);
	rename_map_init(&map);
	wrapup_init(&w, tool.name, rename_outcomes, OUT_COUNT);
	if ((status = cmdline_parse(&tool, argc, argv, &common, &first)) || common.exit_now ||
	    (status = check_settings(&s, argc - first)))
		goto out;
	path = first < argc ? argv[first] : "-";
	wrapup_input(&w, path, "the contact CSV");
	wrapup_input(&w, s.map, "--map");
	wrapup_output(&w, s.output, "--output");
	if ((status = rename_map_load(&map, s.map)) ||
	    (status = wrapup_open(&w, &common, NULL)) ||
	    (status = run_filter(&s, &map, path, &st)))
		goto out;
	report(&w, &map, &st);
out:
	wrapup_fail(&w, status);
	status = wrapup_finish(&w);
	free(st.uses);
	rename_map_free(&map);
	return status;
}
