/*
 * ucmig-rename - rename contact IDs: a filter on BAT contact CSV that
 * applies a BAT rename map (Contact ID,New Contact ID) to every row, and
 * the map itself built from Active Directory (--map-from-ldap).
 *
 * Phases (--map): 1 check the options; 2 read and check the whole map
 * (a bad line: 65, nothing written); 3 filter the input to the output;
 * 4 the report (one line per map entry) and the summary. With
 * --map-from-ldap: 1, then map_from_ldap.c's own.
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
#include "ldap/ldap_session.h"
#include "map_from_ldap.h"
#include "outcome.h"
#include "xmpp_rename.h"

struct settings {
	const char *map, *output;
	bool owners, from_ldap;
	struct map_request req;
	struct xmpp_rename_request live;
	const char *journal;
};

enum { OPT_MAP = 0x100, OPT_OWNERS, OPT_FROM_LDAP, OPT_IM_ADDRESS, OPT_DOMAIN, OPT_XMPP, OPT_HOSTS,
       OPT_JOURNAL };

static const struct tool_option options[] = {
	{ "map", 0, required_argument, "FILE", "the BAT rename file: Contact ID,New Contact ID", OPT_MAP },
	{ "owners", 0, no_argument, NULL, "rename owners (User ID, User Domain) too", OPT_OWNERS },
	{ "output", 'o', required_argument, "FILE", "write the CSV (or the map) to FILE (default: standard output)", 'o' },
	{ "map-from-ldap", 0, no_argument, NULL, "build the rename map for USERLIST from Active Directory", OPT_FROM_LDAP },
	{ "im-address", 0, required_argument, "userid|mail", "the new ID: sAMAccountName@--domain, or mail", OPT_IM_ADDRESS },
	{ "domain", 0, required_argument, "DOMAIN", "the IM and Presence domain of --im-address userid", OPT_DOMAIN },
	{ "xmpp", 0, required_argument, "URL", "rename in the rosters of a live XMPP server (its HTTP API)", OPT_XMPP },
	{ "hosts", 0, required_argument, "LIST", "--xmpp: the hosts whose rosters are read (default: the map's domains)", OPT_HOSTS },
	{ "dry-run", 'n', no_argument, NULL, "--xmpp: read the rosters, report, change nothing", 'n' },
	{ "journal", 0, required_argument, "FILE", "--xmpp: journal of changes (default: next to --report or the map)", OPT_JOURNAL },
	{ NULL, 0, 0, NULL, NULL, 0 },
};

static int handle_option(int id, const char *arg, void *data)
{
	struct settings *s = data;

	switch (id) {
	case OPT_MAP: s->map = arg; return 0;
	case OPT_OWNERS: s->owners = true; return 0;
	case 'o': s->output = arg; return 0;
	case OPT_FROM_LDAP: s->from_ldap = true; return 0;
	case OPT_DOMAIN: s->req.domain = arg; return 0;
	case OPT_XMPP: s->live.url = arg; return 0;
	case OPT_HOSTS: s->live.hosts = arg; return 0;
	case 'n': s->live.dry_run = true; return 0;
	case OPT_JOURNAL: s->journal = arg; return 0;
	case OPT_IM_ADDRESS:
		if (strcmp(arg, "userid") && strcmp(arg, "mail"))
			return fail(UCMIG_EX_USAGE, "--im-address: '%s' is not userid or mail", arg);
		s->req.im = strcmp(arg, "mail") == 0 ? IM_MAIL : IM_USERID;
		return 0;
	}
	return fail(UCMIG_EX_SOFTWARE, "option %d not handled", id);
}

static int check_settings(const struct settings *s, int noperands)
{
	if (s->from_ldap) {
		if (s->map || s->owners)
			return fail(UCMIG_EX_USAGE, "--map-from-ldap builds a map; --map and --owners apply one");
		if (noperands != 1)
			return fail(UCMIG_EX_USAGE, "--map-from-ldap: give one USERLIST");
		if (s->req.im == IM_NONE)
			return fail(UCMIG_EX_USAGE, "--map-from-ldap: give --im-address userid or mail");
		if (s->req.im == IM_USERID && !s->req.domain)
			return fail(UCMIG_EX_USAGE, "--im-address userid: give --domain, the IM and Presence domain");
		return 0;
	}
	if (s->req.im != IM_NONE || s->req.domain)
		return fail(UCMIG_EX_USAGE, "--im-address and --domain are for --map-from-ldap");
	if (!s->live.url && (s->live.hosts || s->live.dry_run || s->journal))
		return fail(UCMIG_EX_USAGE, "--hosts, --dry-run and --journal are for --xmpp");
	if (s->live.url && (noperands || s->owners || strcmp(s->output, "-") != 0))
		return fail(UCMIG_EX_USAGE, "--xmpp renames on the server: no CSV, --owners or -o");
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
	wrapup_summary_counts(w, GROUP_FILTER, ": ");
}

int main(int argc, char **argv)
{
	struct settings s = { .output = "-" };
	struct ldap_settings ldap;
	struct http_settings http;
	const struct tool_spec tool = {
		.name = "ucmig-rename",
		.synopsis = "--map MAP [--owners] [-o FILE] [CSV] | --map MAP --xmpp URL [server options] | "
			    "--map-from-ldap [LDAP options] --im-address userid|mail [--domain D] -o MAP USERLIST",
		.summary = "Rename contact IDs in BAT contact CSV with a BAT rename map, or build the map from AD.",
		.group = {
			{ "options", options, handle_option, &s },
			{ "LDAP options (--map-from-ldap)", ldap_options, ldap_option_handle, &ldap },
			{ "server options (--xmpp)", http_options, http_option_handle, &http },
		},
	};
	struct common_opts common;
	struct rename_map map;
	struct filter_stats st = { 0 };
	struct wrapup w;
	const char *path;
	int first, status;

	msg_init(argv[0]);
	ldap_settings_init(&ldap);
	http_settings_init(&http);
	rename_map_init(&map);
	wrapup_init(&w, tool.name, rename_outcomes, OUT_COUNT);
	if ((status = cmdline_parse(&tool, argc, argv, &common, &first)) || common.exit_now ||
	    (status = check_settings(&s, argc - first)))
		goto out;
	path = first < argc ? argv[first] : "-";
	if (s.from_ldap) {
		s.req.userlist = path;
		s.req.output = s.output;
		wrapup_input(&w, path, "the user list");
		wrapup_input(&w, ldap.password_file, "-y");
		wrapup_output(&w, s.output, "--output");
		if (!(status = wrapup_open(&w, &common, NULL)))
			status = map_from_ldap(&s.req, &ldap, &w);
		goto out;
	}
	if (s.live.url) {
		/* --password-file, --insecure and --timeout are in both option
		 * groups; the LDAP group takes them first (getopt's order), and
		 * with --xmpp they are the XMPP server's. */
		if (!http.password_file)
			http.password_file = ldap.password_file;
		http.insecure |= ldap.insecure;
		if (ldap.timeout > 0)
			http.timeout_s = ldap.timeout;
		wrapup_input(&w, s.map, "--map");
		wrapup_input(&w, http.password_file, "--password-file");
		wrapup_input(&w, http.cacert, "--cacert");
		s.live.journal = wrapup_journal_path(&w, s.journal, common.report, s.map);
		if (!(status = rename_map_load(&map, s.map)) && !(status = wrapup_open(&w, &common, NULL)))
			status = xmpp_rename(&s.live, &http, &map, &w);
		goto out;
	}
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
