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
#include "base/interrupt.h"
#include "base/cmdline.h"
#include "base/csvout.h"
#include "base/exitcode.h"
#include "exporter.h"
#include "base/infile.h"
#include "base/msg.h"
#include "base/outfile.h"
#include "base/progress.h"
#include "base/wrapup.h"
#include "mssql/rtc_schema.h"
#include "sql_source.h"
#include "userdata/userdata_source.h"
#include "userdata/userdata_xml.h"
#include "domain/sipuri.h"
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
	OPT_EXPORTED_USERS, OPT_STATS_ONLY, OPT_INCLUDE_EMPTY, OPT_PROFILE, OPT_BATCH, OPT_EXCEL_SAFE,
};

static const struct tool_option options[] = {
	{ "userdata", 0, required_argument, "FILE",
	  "read an Export-CsUserData ZIP, a DocItemSet.xml or a dbimpexp XML", OPT_USERDATA },
	{ "profile", 0, required_argument, "FILE",
	  "SQL profile to use instead of the built-in one for the schema version", OPT_PROFILE },
	{ "batch", 0, required_argument, "N", "users per pass over the database (default 5000)", OPT_BATCH },
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
	{ "excel-safe", 0, no_argument, NULL,
	  "quote cells starting with = + - @ so a spreadsheet shows them as text (CSV and report)", OPT_EXCEL_SAFE },
	{ "include-empty", 0, no_argument, NULL,
	  "list users with empty lists in --exported-users even when they may use the unified contact store",
	  OPT_INCLUDE_EMPTY },
	{ NULL, 0, 0, NULL, NULL, 0 },
};

static int handle_option(int id, const char *arg, void *data)
{
	struct settings *s = data;
	const char *why;

	switch (id) {
	case OPT_USERDATA: s->userdata = arg; break;
	case 'o': s->output = arg; break;
	case OPT_HEADER: s->header = true; break;
	case OPT_STATE: s->state = arg ? arg : DEFAULT_STATE; break;
	case OPT_DEFAULT_GROUP: s->default_group = arg; break;
	case OPT_DOMAIN:
		if ((why = domain_check(arg, strlen(arg))))
			return fail(UCMIG_EX_USAGE, "--domain '%s': %s", arg, why);
		s->domain = arg;
		break;
	case OPT_EXPORTED_USERS: s->exported_users = arg; break;
	case OPT_STATS_ONLY: s->stats_only = true; break;
	case OPT_EXCEL_SAFE: csvout_set_excel_safe(true); break;
	case OPT_INCLUDE_EMPTY: s->include_empty = true; break;
	case OPT_PROFILE: s->profile = arg; break;
	case OPT_BATCH: {
		long v;
		int status = cmdline_number("batch", arg, 1, SQL_SOURCE_MAX_BATCH, &v);
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
	struct progress *progress;      /* the wrapup's */
	struct userdata_source src;
	struct sql_source sql;
	bool sql_open;
	struct outfile csv, exported;   /* removed unless the run succeeds */
};

static void run_init(struct run *r)
{
	memset(r, 0, sizeof(*r));
	exporter_init(&r->ex);
	r->src.fd = -1;
}

static void run_release(struct run *r)
{
	outfile_abort(&r->csv);
	outfile_abort(&r->exported);
	userdata_close(&r->src);
	if (r->sql_open)
		sql_source_close(&r->sql);
	exporter_release(&r->ex);
}

static int on_user(const struct contact_list *cl, void *data)
{
	if (interrupt_requested())
		return interrupt_status();   /* stop the source; outputs are removed */
	return exporter_user(&((struct run *)data)->ex, cl);
}

static void on_non_user(const char *name, void *data)
{
	exporter_non_user(&((struct run *)data)->ex, name);
}

static void on_progress(const struct userdata_source *src, void *data)
{
	struct run *r = data;

	if (!progress_due(r->progress))
		return;
	if (src->size)
		progress_show(r->progress, "%lu users, %llu contacts, %.0f%%",
			      r->ex.stats.users_exported, r->ex.stats.contacts,
			      100.0 * (double)src->done / (double)src->size);
	else
		progress_show(r->progress, "%lu users, %llu contacts",
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

/* The whole user list is read and checked before the source is opened. */
static int load_filter(const struct settings *s, const char *path, struct userlist *users)
{
	struct userlist_options uopt = { .domain = s->domain };
	int status;

	if ((status = userlist_load(users, path, &uopt)))
		return status;
	for (size_t i = 0; i < users->count; i++)
		if (users->entry[i].kind == USERLIST_DN)
			return fail(UCMIG_EX_USAGE,
				    "%s:%lu: 'DN:' entries need a directory connection, which ucmig-export does not have yet; list the users' SIP URIs",
				    users->file, users->entry[i].line);
	return 0;
}

/* Every file read or written, for the wrap-up's check that no output
 * overwrites an input or another output. */
static void name_files(struct wrapup *w, const struct settings *s, int noperands, char **operands)
{
	if (noperands)
		wrapup_input(w, operands[0], "the user list");
	wrapup_input(w, s->userdata, "--userdata");
	wrapup_input(w, s->profile, "--profile");
	wrapup_input(w, s->db.password_file, "--db-password-file");
	if (!s->stats_only)
		wrapup_output(w, s->output, "-o");
	wrapup_output(w, s->exported_users, "--exported-users");
}

static int open_source(const struct settings *s, struct run *run)
{
	if (s->userdata)
		return userdata_open(&run->src, s->userdata);
	run->sql_open = true;
	return sql_source_open(&run->sql, &s->db, s->profile, s->batch);
}

/* The data outputs, and the exporter wired to them and the report. */
static int open_outputs(const struct settings *s, struct run *run, struct wrapup *w)
{
	struct exporter *ex = &run->ex;
	int status;

	if ((status = outfile_open(&run->csv, s->stats_only ? NULL : s->output)) ||
	    (status = outfile_open(&run->exported, s->exported_users)))
		return status;
	ex->default_group = s->default_group;
	ex->state = s->state;
	ex->stats_only = s->stats_only;
	ex->include_empty = s->include_empty;
	ex->csv = run->csv.fp;
	ex->exported_users = run->exported.fp;
	ex->report = &w->report;
	ex->source_name = s->userdata ? run->src.name.buf : run->sql.db.label;
	/* Export-CsUserData exists from Lync 2013 on, where UCS does too. */
	ex->empty_may_be_ucs = s->userdata ? run->src.is_zip : run->sql.version >= 2013;
	if (run->csv.fp && s->header)
		bat_header_write(run->csv.fp, s->state != NULL);
	return 0;
}

/* Stream the source through the exporter; then the summary, and the
 * data files kept only if all went well. */
static int export_all(const struct settings *s, struct run *run, struct wrapup *w)
{
	struct userdata_callbacks cb = { on_user, on_non_user, on_progress, run };
	enum userdata_dialect dialect = DIALECT_UNKNOWN;
	struct strbuf line = STRBUF_INIT;
	int status;

	run->progress = &w->progress;
	if (s->userdata)
		status = userdata_parse(&run->src, &cb, &dialect);
	else
		status = sql_source_export(&run->sql, run->ex.filter, on_user, run, run->progress);
	progress_end(run->progress);
	if (dialect == DIALECT_DOCITEMSET)
		run->ex.empty_may_be_ucs = true;
	if (status && !interrupt_requested())
		return status;
	if (!status) {
		exporter_finish(&run->ex);
		warn_empty_lists(&run->ex);
	}
	if (!msg_quiet()) {          /* also when stopped: how far it got */
		exporter_summary(&run->ex, &line);
		wrapup_summary_addf(w, "%s", line.buf);
		strbuf_release(&line);
	}
	if (status)
		return status;       /* stopped: the partial outputs are removed */
	wrapup_fail(w, run->ex.status);
	if ((status = report_flush(&w->report)))
		return status;       /* no data in place without its record */
	if ((status = outfile_commit(&run->csv)))
		return status;
	return outfile_commit(&run->exported);
}

int main(int argc, char **argv)
{
	struct settings s = { .output = "-", .default_group = DEFAULT_GROUP, .batch = SQL_SOURCE_BATCH };
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
	struct wrapup w;
	int first, status;

	msg_init(argv[0]);
	db_settings_init(&s.db);
	userlist_init(&users);
	run_init(&run);
	wrapup_init(&w, tool.name, NULL, 0);
	if ((status = cmdline_parse(&tool, argc, argv, &common, &first)) || common.exit_now ||
	    (status = check_settings(&s, argc - first, argv + first)) ||
	    (first < argc && (status = load_filter(&s, argv[first], &users))) ||
	    (name_files(&w, &s, argc - first, argv + first), 0) ||
	    (status = open_source(&s, &run)) ||
	    (status = wrapup_open(&w, &common, NULL)) ||
	    (status = open_outputs(&s, &run, &w)))
		goto out;
	if (first < argc)
		run.ex.filter = &users;
	userlist_report_duplicates(&users, &w.report, "export");
	status = export_all(&s, &run, &w);
out:
	wrapup_fail(&w, status);
	status = wrapup_finish(&w);   /* the report is kept whatever happened */
	run_release(&run);
	userlist_free(&users);
	db_settings_release(&s.db);
	return status;
}
