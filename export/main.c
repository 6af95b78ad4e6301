/*
 * ucmig-export - each user's Microsoft contact list out as the CSV that
 * IM and Presence's Bulk Administration Tool imports.
 *
 * main() only wires things together: options into settings, the user
 * list into a filter, a source into the exporter, and the exporter's
 * counts into the summary and the exit status.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/batrow.h"
#include "base/cmdline.h"
#include "base/exitcode.h"
#include "exporter.h"
#include "base/infile.h"
#include "base/msg.h"
#include "base/outfile.h"
#include "base/progress.h"
#include "base/report.h"
#include "mssql/rtc_schema.h"
#include "sql_source.h"
#include "userdata/userdata_source.h"
#include "userdata/userdata_xml.h"
#include "domain/userlist.h"

/* ASSUMPTION (SPEC.md section 3): Microsoft's "~" group becomes this. */
#define DEFAULT_GROUP "Contacts"
/* ASSUMPTION: --state without a value: both sides see each other. */
#define DEFAULT_STATE "both"

struct settings {
	const char *userdata;
	const char *profile;
	size_t batch;
	struct db_settings db;
	const char *output;
	const char *exported_users;
	const char *default_group;
	const char *domain;
	const char *state;
	bool header, stats_only, include_empty;
};

enum {
	OPT_USERDATA = 0x100, OPT_HEADER, OPT_STATE, OPT_DEFAULT_GROUP, OPT_DOMAIN,
	OPT_EXPORTED_USERS, OPT_STATS_ONLY, OPT_INCLUDE_EMPTY, OPT_PROFILE, OPT_BATCH,
};

static const struct tool_option options[] = {
	{ "userdata", 0, required_argument, "FILE",
	  "read an Export-CsUserData ZIP, a DocItemSet.xml or a dbimpexp XML", OPT_USERDATA },
	{ "profile", 0, required_argument, "FILE",
	  "SQL profile to use instead of the built-in one for the schema version", OPT_PROFILE },
	{ "batch", 0, required_argument, "N", "users per round of SQL queries (default 500, at most 2000)", OPT_BATCH },
	{ "output", 'o', required_argument, "FILE", "write the BAT CSV to FILE (default: stdout)", 'o' },
	{ "header", 0, no_argument, NULL, "write a header line (not for BAT upload)", OPT_HEADER },
	{ "state", 0, optional_argument, "STATE",
	  "add the State column (IM&P 12.5(1)SU4+): none, to, from, both (default both)", OPT_STATE },
	{ "default-group", 0, required_argument, "NAME",
	  "group for Microsoft's default group and ungrouped contacts (default Contacts)", OPT_DEFAULT_GROUP },
	{ "domain", 0, required_argument, "DOMAIN",
	  "presence domain for a user assignment export's UserIDs", OPT_DOMAIN },
	{ "exported-users", 0, required_argument, "FILE",
	  "write the SIP URIs of the users exported (input for disable and delete)", OPT_EXPORTED_USERS },
	{ "stats-only", 0, no_argument, NULL, "write no CSV; print the summary only", OPT_STATS_ONLY },
	{ "include-empty", 0, no_argument, NULL,
	  "list users with empty lists in --exported-users even when they may use the unified contact store",
	  OPT_INCLUDE_EMPTY },
	{ NULL, 0, 0, NULL, NULL, 0 },
};

static int handle_option(int id, const char *arg, void *data)
{
	struct settings *s = data;

	switch (id) {
	case OPT_USERDATA: s->userdata = arg; break;
	case 'o': s->output = arg; break;
	case OPT_HEADER: s->header = true; break;
	case OPT_STATE: s->state = arg ? arg : DEFAULT_STATE; break;
	case OPT_DEFAULT_GROUP: s->default_group = arg; break;
	case OPT_DOMAIN: s->domain = arg; break;
	case OPT_EXPORTED_USERS: s->exported_users = arg; break;
	case OPT_STATS_ONLY: s->stats_only = true; break;
	case OPT_INCLUDE_EMPTY: s->include_empty = true; break;
	case OPT_PROFILE: s->profile = arg; break;
	case OPT_BATCH: {
		long v;
		int status = cmdline_number("batch", arg, 1, 2000, &v);
		if (status)
			return status;
		s->batch = (size_t)v;
		break;
	}
	default: return fail(UCMIG_EX_SOFTWARE, "option %d not handled", id);
	}
	return 0;
}

/* Settings that getopt cannot check: checked before anything is read. */
static int check_settings(const struct settings *s, int noperands, char **operands)
{
	struct bat_row probe = { .field = {
		"u", "example.com", "c", "example.com", "", s->default_group, s->state } };
	struct strbuf why = STRBUF_INIT;
	enum bat_field where;

	bool sql = s->db.server || s->db.host;
	if (!s->userdata && !sql)
		return fail(UCMIG_EX_USAGE, "no source: give --userdata FILE or --db-server NAME; see --help");
	if (s->userdata && sql)
		return fail(UCMIG_EX_USAGE, "--userdata and a database are two sources: give one");
	if (s->profile && !sql)
		return fail(UCMIG_EX_USAGE, "--profile goes with a database source");
	if (s->db.nservers > 1)
		return fail(UCMIG_EX_USAGE, "export reads one database: give --db-server once");
	if (noperands > 1)
		return fail(UCMIG_EX_USAGE, "one USERLIST at most; see --help");
	if (noperands == 1 && s->userdata && infile_is_stdin(operands[0]) && infile_is_stdin(s->userdata))
		return fail(UCMIG_EX_USAGE, "the user list and --userdata cannot both be stdin");
	if (bat_row_validate(&probe, &where, &why) != BAT_OK) {
		int status = fail(UCMIG_EX_USAGE, "--%s: %s",
				  where == BAT_STATE ? "state" : "default-group", why.buf);
		strbuf_release(&why);
		return status;
	}
	return 0;
}

struct run {
	struct exporter ex;
	struct progress progress;
	struct userdata_source src;
	struct sql_source sql;
	bool sql_open;
};

static int on_user(const struct contact_list *cl, void *data)
{
	return exporter_user(&((struct run *)data)->ex, cl);
}

static void on_non_user(const char *name, void *data)
{
	exporter_non_user(&((struct run *)data)->ex, name);
}

static void on_progress(const struct userdata_source *src, void *data)
{
	struct run *r = data;

	if (!progress_due(&r->progress))
		return;
	if (src->size)
		progress_show(&r->progress, "%lu users, %llu contacts, %.0f%%",
			      r->ex.stats.users_exported, r->ex.stats.contacts,
			      100.0 * (double)src->done / (double)src->size);
	else
		progress_show(&r->progress, "%lu users, %llu contacts",
			      r->ex.stats.users_exported, r->ex.stats.contacts);
}

static void warn_empty_lists(const struct exporter *ex)
{
	unsigned long n = ex->stats.users_empty;

	if (!n || !ex->empty_may_be_ucs)
		return;
	warn("%lu user%s with an empty contact list: with Lync 2013 or later the contacts may be "
	     "in Exchange (unified contact store) and are NOT in this export: %s%s",
	     n, n == 1 ? "" : "s", ex->empty_names.buf, n > 10 ? ", ..." : "");
	if (!ex->include_empty)
		warn("they are left out of --exported-users; check them, then use --include-empty");
}

int main(int argc, char **argv)
{
	struct settings s = { .output = "-", .default_group = DEFAULT_GROUP, .batch = 500 };
	const struct tool_spec tool = {
		.name = "ucmig-export",
		.synopsis = "--userdata FILE | --db-server NAME [options] [USERLIST]",
		.summary = "Export Microsoft contact lists as IM and Presence BAT contact CSV.",
		.group = {
			{ "options", options, handle_option, &s },
			{ "database options", db_options, db_option_handle, &s.db },
		},
	};
	struct common_opts common;
	struct userlist users;
	struct run run;
	struct outfile csv = { 0 }, exported = { 0 };
	struct report report = { { 0 } };
	struct userdata_callbacks cb = { on_user, on_non_user, on_progress, &run };
	enum userdata_dialect dialect = DIALECT_UNKNOWN;
	int first, status;

	msg_init(argv[0]);
	db_settings_init(&s.db);
	userlist_init(&users);
	exporter_init(&run.ex);
	memset(&run.src, 0, sizeof(run.src));
	run.src.fd = -1;
	run.sql_open = false;
	status = cmdline_parse(&tool, argc, argv, &common, &first);
	if (status || common.exit_now)
		goto out;
	if ((status = check_settings(&s, argc - first, argv + first)))
		goto out;

	/* The whole user list is read and checked before the source is opened. */
	if (first < argc) {
		struct userlist_options uopt = { .domain = s.domain };
		if ((status = userlist_load(&users, argv[first], &uopt)))
			goto out;
		for (size_t i = 0; i < users.count; i++)
			if (users.entry[i].kind == USERLIST_DN) {
				status = fail(UCMIG_EX_USAGE,
					      "%s:%lu: 'DN:' entries need a directory connection, which ucmig-export does not have yet; list the users' SIP URIs",
					      users.file, users.entry[i].line);
				goto out;
			}
		run.ex.filter = &users;
	}
	if (s.userdata && (status = userdata_open(&run.src, s.userdata)))
		goto out;
	if (!s.userdata) {
		run.sql_open = true;
		if ((status = sql_source_open(&run.sql, &s.db, s.profile, s.batch)))
			goto out;
	}
	if ((status = outfile_open(&csv, s.stats_only ? NULL : s.output)) ||
	    (status = outfile_open(&exported, s.exported_users)) ||
	    (status = report_open(&report, common.report)))
		goto out;

	run.ex.default_group = s.default_group;
	run.ex.state = s.state;
	run.ex.stats_only = s.stats_only;
	run.ex.include_empty = s.include_empty;
	run.ex.csv = csv.fp;
	run.ex.exported_users = exported.fp;
	run.ex.report = &report;
	run.ex.source_name = s.userdata ? run.src.name.buf : run.sql.db.label;
	/* Export-CsUserData exists from Lync 2013 on, where UCS does too. */
	run.ex.empty_may_be_ucs = s.userdata ? run.src.is_zip : run.sql.version >= 2013;
	if (csv.fp && s.header)
		bat_header_write(csv.fp, s.state != NULL);

	progress_start(&run.progress, common.progress);
	if (s.userdata)
		status = userdata_parse(&run.src, &cb, &dialect);
	else
		status = sql_source_export(&run.sql, run.ex.filter, on_user, &run, &run.progress);
	progress_end(&run.progress);
	if (dialect == DIALECT_DOCITEMSET)
		run.ex.empty_may_be_ucs = true;
	if (status)
		goto out;
	exporter_finish(&run.ex);
	warn_empty_lists(&run.ex);
	if (!msg_quiet()) {
		struct strbuf line = STRBUF_INIT;
		exporter_summary(&run.ex, &line);
		note("%s", line.buf);
		strbuf_release(&line);
	}
	status = run.ex.status;
	status = ucmig_exit_worst(status, outfile_commit(&csv));
	status = ucmig_exit_worst(status, outfile_commit(&exported));
out:
	/* Data files of a failed run are removed; the report is always kept. */
	outfile_abort(&csv);
	outfile_abort(&exported);
	status = ucmig_exit_worst(status, report_close(&report));
	userdata_close(&run.src);
	if (run.sql_open)
		sql_source_close(&run.sql);
	exporter_release(&run.ex);
	userlist_free(&users);
	db_settings_release(&s.db);
	return status;
}
