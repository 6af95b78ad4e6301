/*
 * ucmig-import - contact lists for the presence server: BAT files
 * planned per IM and Presence node and maintenance window, files for
 * Webex Control Hub's personal-contact migration, or straight into a
 * live XMPP server's rosters.
 *
 * Phases: 1 check the options; 2 read the assignment and every input
 * row (a bad one stops the run, nothing written or sent); 3 plan: users
 * to nodes and files, capacity checked (files), or owners checked on the
 * server (live); 4 write the files and plan.csv, or send the items;
 * 5 print the plan and the summary.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "domain/assignment.h"
#include "base/cmdline.h"
#include "base/exitcode.h"
#include "base/infile.h"
#include "base/msg.h"
#include "base/wrapup.h"
#include "intake.h"
#include "outcome.h"
#include "planner.h"
#include "reconcile.h"
#include "reconcile_tally.h"
#include "settings.h"
#include "writer.h"
#include "xmpp.h"

enum { OPT_BAT = 1, OPT_WEBEX, OPT_XMPP, OPT_DOMAINS, OPT_OVA };

#define S struct import_settings
static const struct tool_option options[] = {
	OPT_CALLBACK_PATH("bat", 0, "DIR", "write files for BAT upload, planned per node and window, into DIR",
			  OPT_BAT, OPTION_DIR),
	OPT_CALLBACK_PATH("webex", 0, "DIR", "write files for Webex Control Hub's contact migration into DIR",
			  OPT_WEBEX, OPTION_DIR),
	OPT_CALLBACK("xmpp", 0, "URL", "add the contacts to the rosters of a live XMPP server (its HTTP API)", OPT_XMPP),
	OPT_FLAG("dry-run", 'n', "--xmpp: read the rosters, report what would change, change nothing", S, dry_run),
	OPT_FILE("journal", 0, "FILE", "--xmpp: journal of items sent (default: next to --report or CSV)", S, journal),
	OPT_NUMBER("max-contacts", 0, "N", "contacts per user kept (default 200, Webex 500; 0: no limit)",
		   S, max_contacts, 0, 100000),
	OPT_FLAG("keep-over-limit", 0, "keep contacts over --max-contacts (IM and Presence drops them)", S, keep_over_limit),
	OPT_CALLBACK("domains", 0, "LIST", "the presence domains; contacts elsewhere are counted as federated", OPT_DOMAINS),
	OPT_FILE("assignment", 0, "FILE", "BAT user assignment export: UserID,Subcluster Name,Node Name", S, assignment),
	OPT_NUMBER("rate", 0, "N", "contacts per second a node imports", S, rate, 1, 100000),
	OPT_CALLBACK("ova", 0, "SIZE", "the nodes' OVA size, 2000, 5000 or 15000: rate 6, 12 or 22/s", OPT_OVA),
	OPT_DURATION("window", 0, "DURATION", "split each node's rows into files that fit this window (4h, 90m)",
		     S, window_s, 60, 7 * 86400),
	OPT_FLAG("ha", 0, "the nodes run high availability: half the capacity", S, ha),
	OPT_FLAG("header", 0, "write the header line in BAT files (BAT's samples have none)", S, header),
	OPT_FILE("rejects", 0, "FILE", "write the rows left out that would be lost, as BAT CSV", S, rejects),
	OPT_FLAG("reconcile", 0, "compare what the presence server holds (TARGET, its BAT export of contact lists) "
		 "with the CSV: what arrived, what is missing", S, reconcile),
	OPT_FILE("missing", 0, "FILE", "--reconcile: the rows not on the server, as BAT CSV for --bat", S, missing),
	OPT_FILE("import-report", 0, "FILE", "--reconcile: the import's --report; rows it left out on purpose "
		 "are not missing", S, import_report),
	OPT_FILE("export-report", 0, "FILE", "--reconcile: ucmig-export's --report, to show each owner's list "
		 "from the Microsoft server on", S, export_report),
	OPT_FLAG("compare-state", 0, "--reconcile: compare the State column too", S, compare_state),
	OPT_FLAG("excel-safe", 0, "quote report and plan cells starting with = + - @ so a spreadsheet shows them "
		 "as text (never the BAT files)", S, excel_safe),
	OPT_ALIAS("user", "xmpp-user"),
	OPT_ALIAS("password-file", "xmpp-password-file"),
	OPT_ALIAS("cacert", "xmpp-cacert"),
	OPT_ALIAS("insecure", "xmpp-insecure"),
	OPT_ALIAS("timeout", "xmpp-timeout"),
	OPT_ALIAS("concurrency", "xmpp-concurrency"),
	OPT_END,
};
#undef S

static const char *const mode_option[] = {
	[MODE_BAT] = "bat", [MODE_WEBEX] = "webex", [MODE_XMPP] = "xmpp",
};

/* A mode typed for this run replaces one ucmig.conf sets: [ucmig-import]
 * xmpp = URL and --bat DIR on the command line is a plan, not a clash. */
static bool mode_typed(void)
{
	return cmdline_on_command_line("bat") || cmdline_on_command_line("webex") ||
	       cmdline_on_command_line("xmpp");
}

static int set_mode(struct import_settings *s, enum import_mode mode, const char *where)
{
	if (!cmdline_on_command_line(mode_option[mode]) && mode_typed())
		return 0;                 /* the file's mode: the command line has one */
	if (s->mode != MODE_NONE)
		return fail(UCMIG_EX_USAGE, "give one of --bat, --webex and --xmpp");
	if (!*where)
		return fail(UCMIG_EX_USAGE, "--%s: %s", mode == MODE_XMPP ? "xmpp" : mode == MODE_BAT ? "bat" : "webex",
			    mode == MODE_XMPP ? "the URL is empty" : "the directory name is empty");
	s->mode = mode;
	*(mode == MODE_XMPP ? &s->url : &s->dir) = where;
	return 0;
}

static int handle_option(int id, const char *arg, void *data)
{
	struct import_settings *s = data;

	switch (id) {
	case OPT_BAT: return set_mode(s, MODE_BAT, arg);
	case OPT_WEBEX: return set_mode(s, MODE_WEBEX, arg);
	case OPT_XMPP: return set_mode(s, MODE_XMPP, arg);
	case OPT_DOMAINS: return domain_list_parse(&s->domains, "--domains", arg);
	case OPT_OVA:
		if (strcmp(arg, "2000") && strcmp(arg, "5000") && strcmp(arg, "15000"))
			return fail(UCMIG_EX_USAGE, "--ova: '%s' is not 2000, 5000 or 15000", arg);
		return cmdline_number("ova", arg, 2000, 15000, &s->ova);
	}
	return fail(UCMIG_EX_SOFTWARE, "option %d not handled", id);
}

/* 1 for --reconcile: TARGET and at most one CSV, nothing of the others. */
static int check_reconcile(struct import_settings *s, int noperands)
{
	if (!s->reconcile) {
		if (s->missing || s->import_report || s->export_report || s->compare_state)
			return fail(UCMIG_EX_USAGE, "--missing, --import-report, --export-report and --compare-state "
				    "are for --reconcile");
		return 0;
	}
	if (s->mode == MODE_BAT || s->mode == MODE_WEBEX)
		return fail(UCMIG_EX_USAGE, "--reconcile compares; it plans no files (--bat, --webex)");
	if (s->assignment || s->rate || s->ova || s->window_s || s->ha || s->header || s->rejects ||
	    (s->journal && cmdline_on_command_line("journal")))
		return fail(UCMIG_EX_USAGE, "--reconcile takes none of --assignment, --rate, --ova, --window, --ha, "
			    "--header, --rejects and --journal");
	if (s->mode == MODE_NONE && (noperands < 1 || noperands > 2))
		return fail(UCMIG_EX_USAGE, "--reconcile TARGET [CSV]: give the server's export, then at most "
			    "one CSV (default: standard input)");
	if (s->mode == MODE_XMPP && noperands > 1)
		return fail(UCMIG_EX_USAGE, "--xmpp URL --reconcile [CSV]: the server's rosters are read; give at "
			    "most one CSV (default: standard input)");
	/* Every row is expected: what the import left out is its report's to
	 * say (--import-report), never guessed from a limit here. */
	s->max_contacts = 0;
	s->journal = NULL;          /* a reconcile changes nothing: no journal */
	return 0;
}

/* 1: the options make sense together. */
static int check_settings(struct import_settings *s, int noperands)
{
	int status = check_reconcile(s, noperands);

	if (status || s->reconcile)
		return status;
	if (s->mode == MODE_NONE)
		return fail(UCMIG_EX_USAGE, "give --bat DIR, --webex DIR or --xmpp URL; see --help");
	/* From [ucmig], meant for the tools that change servers, they do not
	 * apply to files; typed with --bat or --webex they are a mistake. */
	if (s->mode != MODE_XMPP && !cmdline_on_command_line("dry-run") && !cmdline_on_command_line("journal")) {
		s->dry_run = false;
		s->journal = NULL;
	}
	if (s->mode != MODE_XMPP && (s->dry_run || s->journal))
		return fail(UCMIG_EX_USAGE, "--dry-run and --journal are for --xmpp (files change nothing)");
	if (noperands > 1)
		return fail(UCMIG_EX_USAGE, "give at most one CSV (default: standard input)");
	if (s->rate && s->ova)
		return fail(UCMIG_EX_USAGE, "--rate and --ova both set the rate; give one");
	if (s->mode == MODE_WEBEX) {
		if (s->assignment || s->rate || s->ova || s->window_s || s->ha)
			return fail(UCMIG_EX_USAGE, "--webex files are not planned per node: "
				    "--assignment, --rate, --ova, --window and --ha are for --bat");
		if (s->max_contacts == 0 || s->max_contacts > WEBEX_MAX_CONTACTS_PER_USER)
			return fail(UCMIG_EX_USAGE, "--max-contacts: Webex takes at most %d contacts per user",
				    WEBEX_MAX_CONTACTS_PER_USER);
		if (s->max_contacts < 0)
			s->max_contacts = WEBEX_MAX_CONTACTS_PER_USER;
	} else if (s->mode == MODE_XMPP) {
		if (s->assignment || s->rate || s->ova || s->window_s || s->ha || s->header)
			return fail(UCMIG_EX_USAGE, "--assignment, --rate, --ova, --window, --ha and --header "
				    "plan files; --xmpp sends straight to the server");
		if (s->max_contacts < 0)
			s->max_contacts = BAT_DEFAULT_MAX_CONTACTS;
	} else {
		if (s->window_s && !s->rate && !s->ova)
			return fail(UCMIG_EX_USAGE, "--window needs the import rate: --rate N or --ova SIZE");
		if (s->max_contacts < 0)
			s->max_contacts = BAT_DEFAULT_MAX_CONTACTS;
	}
	return 0;
}

/* 2: the nodes, then every row. Users get their node here. */
static int read_input(const struct import_settings *s, struct assignment *a, struct intake *in,
		      const char *path, int *fd)
{
	int status;

	if (s->assignment && (status = assignment_load(a, s->assignment)))
		return status;
	if (!s->assignment)
		assignment_add_node(a, s->mode == MODE_WEBEX ? "webex" : "all");
	if ((status = infile_open_rereadable(path, fd)) || (status = intake_count(in, path, *fd)))
		return status;
	if (s->mode == MODE_XMPP && in->scattered_line)
		return fail(UCMIG_EX_DATAERR, "%s:%lu: a row of %s, whose rows ended before line %lu: --xmpp "
			    "takes each owner's rows together, as ucmig-export writes them (sort the file "
			    "by its first two columns); nothing sent", infile_display_name(path),
			    in->scattered_line, in->owner[in->scattered_owner].address, in->scattered_line);
	for (size_t i = 0; i < in->nowners; i++)
		in->owner[i].node = s->assignment ? assignment_node(a, in->owner[i].user_id) : 0;
	return 0;
}

static void live_summary(struct wrapup *w, const struct intake *in, bool dry_run)
{
	wrapup_summary_addf(w, "%lu rows of %zu user%s", in->rows, in->nowners, in->nowners == 1 ? "" : "s");
	wrapup_summary_counts(w, GROUP_ITEMS, ": ");
	wrapup_summary_counts(w, GROUP_DROPPED, "; dropped: ");
	wrapup_summary_counts(w, GROUP_REFUSED, "; refused: ");
	wrapup_summary_counts(w, GROUP_FAILED, "; ");
	if (in->federated)
		wrapup_summary_addf(w, "; %lu federated row%s (outside --domains)", in->federated,
				    in->federated == 1 ? "" : "s");
	if (dry_run)
		wrapup_summary_addf(w, " (dry run: nothing changed)");
	else
		wrapup_summary_journal(w, w->journal.buf);
}

static void summary(struct wrapup *w, const struct intake *in, const struct plan *p)
{
	size_t users = 0, rows = 0;

	for (size_t n = 0; n < p->nnodes; n++) {
		users += p->node[n].users;
		rows += p->node[n].rows;
	}
	wrapup_summary_addf(w, "%lu rows of %zu user%s: %zu rows of %zu user%s planned in %zu file%s",
			    in->rows, in->nowners, in->nowners == 1 ? "" : "s", rows, users,
			    users == 1 ? "" : "s", p->nfiles, p->nfiles == 1 ? "" : "s");
	wrapup_summary_counts(w, GROUP_DROPPED, "; dropped: ");
	if (p->unassigned)
		wrapup_summary_addf(w, "; refused: %zu user%s not in the assignment", p->unassigned,
				    p->unassigned == 1 ? "" : "s");
	if (in->over_kept)
		wrapup_summary_addf(w, "; %lu rows over the contact limit kept (--keep-over-limit)",
				    in->over_kept);
	if (in->federated)
		wrapup_summary_addf(w, "; %lu federated row%s (outside --domains) kept", in->federated,
				    in->federated == 1 ? "" : "s");
}

/* Every file the plan will write is an output: --rejects or --report
 * naming one of them (or the plan) is refused before anything is written. */
static void name_plan_files(struct wrapup *w, const struct plan *p)
{
	for (size_t i = 0; i < p->nfiles; i++)
		wrapup_output(w, p->file[i].path, "a file of the plan");
	wrapup_output(w, p->plan_path, "the plan");
}

int main(int argc, char **argv)
{
	struct import_settings s = { .max_contacts = -1 };
	struct http_settings http;
	const struct tool_spec tool = {
		.name = "ucmig-import",
		.synopsis = "--bat DIR | --webex DIR | --xmpp URL [options] [CSV] | --reconcile TARGET [CSV]",
		.summary = "BAT contact CSV into IM and Presence: files per node and window, Webex files, or live rosters.",
		.group = {
			{ "options", options, handle_option, &s },
			{ "server options (--xmpp)", http_options, NULL, &http },
		},
		.versions = { http_library_versions },
	};
	struct common_opts common;
	struct assignment a;
	struct intake in;
	struct plan p = { 0 };
	struct reconcile_context context;
	struct wrapup w;
	const char *path;
	int first, status, fd = -1;

	msg_init(argv[0]);
	domain_list_init(&s.domains);
	http_settings_init(&http);
	assignment_init(&a);
	intake_init(&in, &s, 0);
	reconcile_context_init(&context);
	wrapup_init(&w, tool.name, import_outcomes, OUT_COUNT);
	if ((status = wrapup_parse(&w, &tool, argc, argv, &common, &first)) || common.exit_now ||
	    (status = check_settings(&s, argc - first)))
		goto out;
	if (s.reconcile) {
		/* The reports it reads besides, both ways: loaded before anything
		 * is written. */
		wrapup_input(&w, s.import_report, "--import-report");
		wrapup_input(&w, s.export_report, "--export-report");
		wrapup_output(&w, s.missing, "--missing");
		if ((status = reconcile_context_load(&context, &s)))
			goto out;
	}
	if (s.reconcile && s.mode == MODE_NONE) {
		const char *target = argv[first], *source = first + 1 < argc ? argv[first + 1] : "-";

		if (infile_is_stdin(target) && infile_is_stdin(source)) {
			status = fail(UCMIG_EX_USAGE, "--reconcile: the server's export and the CSV cannot both be "
				      "standard input; name a file for one");
			goto out;
		}
		wrapup_input(&w, target, "the server's export (TARGET)");
		wrapup_input(&w, source, "the contact CSV");
		status = reconcile_files(&s, target, source, &context, &common, &w);
		goto out;
	}
	path = first < argc ? argv[first] : "-";
	in.limit = s.max_contacts;
	if ((status = read_input(&s, &a, &in, path, &fd)))
		goto out;
	w.excel_safe_report = s.excel_safe;
	wrapup_input(&w, path, "the contact CSV");
	wrapup_input(&w, s.assignment, "--assignment");
	wrapup_input(&w, http.password_file, "--xmpp-password-file");
	wrapup_input(&w, http.cacert, "--xmpp-cacert");
	if (s.mode == MODE_XMPP && s.reconcile) {
		if (!(status = wrapup_open(&w, &common, NULL)))
			status = xmpp_import(&s, &http, &in, path, fd, &w, &context);
		goto out;
	}
	if (s.mode == MODE_XMPP) {
		wrapup_journal_path(&w, s.journal, common.report, infile_is_stdin(path) ? NULL : path);
		if (!(status = wrapup_open(&w, &common, s.rejects)))
			status = xmpp_import(&s, &http, &in, path, fd, &w, NULL);
		live_summary(&w, &in, s.dry_run);
		goto out;
	}
	if ((status = plan_make(&p, &s, &in, &a)) || (plan_paths(&p, s.dir), name_plan_files(&w, &p), 0) ||
	    (status = wrapup_open(&w, &common, s.rejects)) ||
	    (status = writer_run(&s, &in, &p, &a, path, fd, &w)))
		goto out;
	writer_print_plan(stdout, &p, &a);
	fflush(stdout);             /* the table before the summary on a terminal */
	summary(&w, &in, &p);
out:
	if (fd >= 0)
		infile_close(fd);
	wrapup_fail(&w, status);
	status = wrapup_finish(&w);
	plan_free(&p);
	reconcile_context_release(&context);
	intake_release(&in);
	assignment_free(&a);
	domain_list_free(&s.domains);
	return status;
}
