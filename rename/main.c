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
#include "domain/domain_list.h"
#include "domain/rename_map.h"
#include "domain/rename_filter.h"
#include "ldap/ldap_session.h"
#include "map_from_ldap.h"
#include "outcome.h"
#include "xmpp_rename.h"

struct settings {
	const char *map, *output;
	bool owners, from_ldap;
	int im_choice;               /* --im-address: enum im_choice */
	struct domain_list domains;  /* the first is the domain of --im-address userid */
	struct map_request req;
	struct xmpp_rename_request live;
	const char *journal;
	bool excel_safe;             /* --excel-safe: the report */
};

/* --im-address's choices, in the order the row lists them (as disable's). */
enum im_choice { IM_CHOICE_UNSET = -1, IM_CHOICE_MAIL, IM_CHOICE_USERID };

enum { OPT_DOMAINS = 1, OPT_HOSTS };

#define S struct settings
static const struct tool_option options[] = {
	OPT_FILE("map", 0, "FILE", "the BAT rename file: Contact ID,New Contact ID", S, map),
	OPT_FLAG("owners", 0, "rename owners (User ID, User Domain) too", S, owners),
	OPT_FILE("output", 'o', "FILE", "write the CSV (or the map) to FILE (default: standard output)", S, output),
	OPT_FLAG("map-from-ldap", 0, "build the rename map for USERLIST from Active Directory", S, from_ldap),
	OPT_CHOICE("im-address", 0, "mail|userid", "the new ID: mail, or sAMAccountName@ the first of --domains",
		   S, im_choice),
	OPT_CALLBACK("domains", 0, "LIST", "the IM and Presence domains; the first is that of --im-address userid",
		     OPT_DOMAINS),
	OPT_STRING("xmpp", 0, "URL", "rename in the rosters of a live XMPP server (its HTTP API)", S, live.url),
	OPT_CALLBACK("hosts", 0, "LIST", "--xmpp: the hosts whose rosters are read (default: the map's domains)",
		     OPT_HOSTS),
	OPT_FLAG("dry-run", 'n', "--xmpp: read the rosters, report, change nothing", S, live.dry_run),
	OPT_FILE("journal", 0, "FILE", "--xmpp: journal of changes (default: next to --report or the map)", S, journal),
	OPT_FLAG("excel-safe", 0, "quote report cells starting with = + - @ so a spreadsheet shows them as text "
		 "(never the CSV or map)", S, excel_safe),
	OPT_ALIAS("domain", "domains"),
	OPT_ALIAS("user", "xmpp-user"),
	OPT_ALIAS("cacert", "xmpp-cacert"),
	OPT_ALIAS("concurrency", "xmpp-concurrency"),
	OPT_END,
};
#undef S

static int handle_option(int id, const char *arg, void *data)
{
	struct settings *s = data;

	struct domain_list hosts;
	int status;

	switch (id) {
	case OPT_DOMAINS: return domain_list_parse(&s->domains, "--domains", arg);
	case OPT_HOSTS:
		/* Checked as names here: '', ',,' or garbage read no roster and
		 * ended 0 with nothing renamed. */
		domain_list_init(&hosts);
		if (!(status = domain_list_parse(&hosts, "--hosts", arg)))
			s->live.hosts = arg;
		domain_list_free(&hosts);
		return status;
	}
	return fail(UCMIG_EX_SOFTWARE, "option %d not handled", id);
}

/* The choices into the map request. */
static void settle_settings(struct settings *s)
{
	s->req.im = s->im_choice == IM_CHOICE_MAIL ? IM_MAIL : s->im_choice == IM_CHOICE_USERID ? IM_USERID : IM_NONE;
	s->req.domain = s->domains.n ? s->domains.name[0] : NULL;
}

/* Before the XMPP group had names of its own, --password-file,
 * --insecure and --timeout on rename's command line went to the XMPP
 * server with --xmpp. They are the LDAP group's now; given on the
 * command line with --xmpp (never from ucmig.conf, where they are the
 * directory's), they still reach the XMPP server for one release. */
static void old_xmpp_spellings(const struct ldap_settings *ldap, struct http_settings *http)
{
	static const char *const names[] = { "password-file", "insecure", "timeout" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!cmdline_on_command_line(names[i]))
			continue;
		warn("--%s with --xmpp is the old name of --xmpp-%s; it goes in the next release", names[i],
		     names[i]);
		if (i == 0 && !cmdline_on_command_line("xmpp-password-file"))
			http->password_file = ldap->password_file;
		else if (i == 1)
			http->insecure = true;
		else if (i == 2 && !cmdline_on_command_line("xmpp-timeout"))
			http->timeout_s = ldap->timeout;
	}
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
			return fail(UCMIG_EX_USAGE, "--im-address userid: give --domains, the IM and Presence domain");
		return 0;
	}
	/* A site's im-address in ucmig.conf is for the map; the filter and
	 * --xmpp, which use a map, leave it be. */
	if (s->req.im != IM_NONE && cmdline_on_command_line("im-address"))
		return fail(UCMIG_EX_USAGE, "--im-address is for --map-from-ldap");
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
	struct settings s = { .output = "-", .im_choice = IM_CHOICE_UNSET };
	struct ldap_settings ldap;
	struct http_settings http;
	const struct tool_spec tool = {
		.name = "ucmig-rename",
		.synopsis = "--map MAP [--owners] [-o FILE] [CSV] | --map MAP --xmpp URL [server options] | "
			    "--map-from-ldap [LDAP options] --im-address mail|userid [--domains D] -o MAP USERLIST",
		.summary = "Rename contact IDs in BAT contact CSV with a BAT rename map, or build the map from AD.",
		.group = {
			{ "options", options, handle_option, &s },
			{ "LDAP options (--map-from-ldap)", ldap_options, NULL, &ldap },
			{ "server options (--xmpp)", http_options, NULL, &http },
		},
		.versions = { ldap_library_versions, http_library_versions },
	};
	struct common_opts common;
	struct rename_map map;
	struct filter_stats st = { 0 };
	struct wrapup w;
	const char *path;
	int first, status;

	msg_init(argv[0]);
	domain_list_init(&s.domains);
	ldap_settings_init(&ldap);
	http_settings_init(&http);
	rename_map_init(&map);
	wrapup_init(&w, tool.name, rename_outcomes, OUT_COUNT);
	if ((status = wrapup_parse(&w, &tool, argc, argv, &common, &first)) || common.exit_now ||
	    (settle_settings(&s), 0) || (status = check_settings(&s, argc - first)))
		goto out;
	w.excel_safe_report = s.excel_safe;
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
		old_xmpp_spellings(&ldap, &http);
		wrapup_input(&w, s.map, "--map");
		wrapup_input(&w, http.password_file, "--xmpp-password-file");
		wrapup_input(&w, http.cacert, "--xmpp-cacert");
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
	domain_list_free(&s.domains);
	return status;
}
