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
#include "outcome.h"
#include "sql_source.h"
#include "userdata/userdata_source.h"
#include "userdata/userdata_xml.h"
#include "domain/domain_list.h"
#include "domain/sipuri.h"
#include "domain/userlist.h"

/* ASSUMPTION (SPEC.md section 3): Microsoft's "~" group becomes this. */
#define DEFAULT_GROUP "Contacts"
/* ASSUMPTION: --state without a value: both sides see each other. */
#define DEFAULT_STATE "both"

struct settings {
	const char *userdata;
	const char *profile;
	long batch;
	struct db_settings db;
	const char *output;
	const char *exported_users;
	const char *default_group;
	struct domain_list domains;  /* the first is the presence domain of UserIDs */
	const char *state;
	bool header, stats_only, include_empty;
};

enum { OPT_STATE = 1, OPT_DOMAINS, OPT_EXCEL_SAFE };

#define S struct settings
static const struct tool_option options[] = {
	OPT_FILE("userdata", 0, "FILE", "read an Export-CsUserData ZIP, a DocItemSet.xml or a dbimpexp XML", S, userdata),
	OPT_FILE("profile", 0, "FILE", "SQL profile to use instead of the built-in one for the schema version", S, profile),
	OPT_NUMBER("batch", 0, "N", "users per pass over the database (default 5000)", S, batch, 1, SQL_SOURCE_MAX_BATCH),
	OPT_FILE("output", 'o', "FILE", "write the BAT CSV to FILE (default: stdout)", S, output),
	OPT_FLAG("header", 0, "write a header line (not for BAT upload)", S, header),
	{ .name = "state", .type = OPTION_CALLBACK, .arg = "STATE", .optional_arg = true, .id = OPT_STATE,
	  .help = "add the State column (IM&P 12.5(1)SU4+): none, to, from, both (default both)" },
	OPT_STRING("default-group", 0, "NAME", "group for Microsoft's default group and ungrouped contacts (default Contacts)",
		   S, default_group),
	OPT_CALLBACK("domains", 0, "LIST", "the presence domains; the first turns a user assignment export's UserIDs "
		     "into addresses", OPT_DOMAINS),
	OPT_FILE("exported-users", 0, "FILE", "write the SIP URIs of the users exported (input for disable and delete)",
		 S, exported_users),
	OPT_FLAG("stats-only", 0, "write no CSV; print the summary only", S, stats_only),
	OPT_CALLBACK("excel-safe", 0, NULL, "quote cells starting with = + - @ so a spreadsheet shows them as text "
		     "(CSV and report)", OPT_EXCEL_SAFE),
	OPT_FLAG("include-empty", 0, "list users with empty lists in --exported-users even when they may use the "
		 "unified contact store", S, include_empty),
	OPT_ALIAS("domain", "domains"),
	OPT_END,
};
#undef S

static int handle_option(int id, const char *arg, void *data)
{
	struct settings *s = data;

	switch (id) {
	case OPT_STATE: s->state = arg ? arg : DEFAULT_STATE; return 0;
	case OPT_DOMAINS: return domain_list_parse(&s->domains, "--domains", arg);
	case OPT_EXCEL_SAFE: csvout_set_excel_safe(true); return 0;
	}
	return fail(UCMIG_EX_SOFTWARE, "option %d not handled", id);
}

/* The presence domain of a user assignment export's UserIDs, or NULL. */
static const char *userid_domain(const struct settings *s)
{
	return s->domains.n ? s->domains.name[0] : NULL;
}

/* Settings that getopt cannot check: checked before anything is read. */
/* A database named in ucmig.conf (for export and delete alike) gives way
 * to --userdata on the command line, and a --userdata from the file to a
 * database on the command line: the source typed for this run is the
 * one meant. Two sources from one place are still two. */
static void pick_source(struct settings *s)
{
	bool db_typed = cmdline_on_command_line("db-server") || cmdline_on_command_line("db-host");

	if (!s->userdata || !(s->db.server || s->db.host))
		return;
	if (cmdline_on_command_line("userdata") && !db_typed) {
		s->db.server = s->db.host = NULL;
		s->db.nservers = 0;
	} else if (db_typed && !cmdline_on_command_line("userdata")) {
		s->userdata = NULL;
	}
}

static int check_settings(const struct settings *s, int noperands, char **operands)
{
	struct bat_row probe = { .field = {
		"u", "example.com", "c", "example.com", "", s->default_group, s->state } };
	struct strbuf why = STRBUF_INIT;
	enum bat_field where;
	const char *why_domain;

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
	if (userid_domain(s) && (why_domain = domain_check(userid_domain(s), strlen(userid_domain(s)))))
		return fail(UCMIG_EX_USAGE, "--domains '%s': %s", userid_domain(s), why_domain);
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
	struct userlist_options uopt = { .domain = userid_domain(s) };
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
	return sql_source_open(&run->sql, &s->db, s->profile, (size_t)s->batch);
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
	ex->wrapup = w;
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
	if ((status = wrapup_flush(w)))
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
		.versions = { userdata_library_versions, db_library_versions },
	};
	struct common_opts common;
	struct userlist users;
	struct run run;
	struct wrapup w;
	int first, status;

	msg_init(argv[0]);
	domain_list_init(&s.domains);
	db_settings_init(&s.db);
	userlist_init(&users);
	run_init(&run);
	wrapup_init(&w, tool.name, export_outcomes, OUT_COUNT);
	if ((status = wrapup_parse(&w, &tool, argc, argv, &common, &first)) || common.exit_now ||
	    (pick_source(&s), 0) || (status = check_settings(&s, argc - first, argv + first)) ||
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
	domain_list_free(&s.domains);
	return status;
}
