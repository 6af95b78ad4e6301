/*
 * ucmig-disable - set msRTCSIP-UserEnabled to FALSE in Active Directory
 * for a batch of users, verify it, and undo it.
 *
 * main() turns options into settings and hands them to run.c; it prints
 * the summary and decides the exit status.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "base/cmdline.h"
#include "base/exitcode.h"
#include "base/infile.h"
#include "ldap/ldap_session.h"
#include "base/msg.h"
#include "base/report.h"
#include "run.h"

struct settings {
	enum disable_mode mode;
	const char *verify_list;
	const char *undo_journal;
	const char *journal;
	const char *rejects;
	bool dry_run, keep_going;
	long window;
};

enum { OPT_VERIFY = 0x100, OPT_UNDO, OPT_JOURNAL, OPT_REJECTS, OPT_WINDOW };

static const struct tool_option options[] = {
	{ "dry-run", 'n', no_argument, NULL, "change nothing; report what would be done", 'n' },
	{ "continue", 'c', no_argument, NULL, "go on past users that fail (default: stop at the first)", 'c' },
	{ "journal", 0, required_argument, "FILE", "journal of changes (default: next to --report or USERLIST)", OPT_JOURNAL },
	{ "rejects", 0, required_argument, "FILE", "write the users that failed, as a user list", OPT_REJECTS },
	{ "verify", 0, required_argument, "USERLIST", "check that every user in USERLIST is disabled", OPT_VERIFY },
	{ "undo", 0, required_argument, "JOURNAL", "put back the values JOURNAL recorded", OPT_UNDO },
	{ "window", 0, required_argument, "N", "outstanding LDAP requests at once (default 32)", OPT_WINDOW },
	{ NULL, 0, 0, NULL, NULL, 0 },
};

static int handle_option(int id, const char *arg, void *data)
{
	struct settings *s = data;

	switch (id) {
	case 'n': s->dry_run = true; return 0;
	case 'c': s->keep_going = true; return 0;
	case OPT_JOURNAL: s->journal = arg; return 0;
	case OPT_REJECTS: s->rejects = arg; return 0;
	case OPT_VERIFY: s->mode = MODE_VERIFY; s->verify_list = arg; return 0;
	case OPT_UNDO: s->mode = MODE_UNDO; s->undo_journal = arg; return 0;
	case OPT_WINDOW: return cmdline_number("window", arg, 1, 1024, &s->window);
	}
	return fail(UCMIG_EX_SOFTWARE, "option %d not handled", id);
}

/* The journal sits next to the report, else next to the user list. */
static const char *default_journal(const char *report, const char *userlist, struct strbuf *buf)
{
	const char *base = report ? report
			 : userlist && !infile_is_stdin(userlist) ? userlist : "ucmig-disable";

	strbuf_addf(buf, "%s.journal", base);
	return buf->buf;
}

int main(int argc, char **argv)
{
	struct settings s = { .mode = MODE_DISABLE, .window = 32 };
	struct ldap_settings ldap;
	const struct tool_spec tool = {
		.name = "ucmig-disable",
		.synopsis = "[options] USERLIST | --verify USERLIST | --undo JOURNAL",
		.summary = "Disable users on the Microsoft server: msRTCSIP-UserEnabled to FALSE in AD.",
		.group = {
			{ "options", options, handle_option, &s },
			{ "LDAP options", ldap_options, ldap_option_handle, &ldap },
		},
	};
	struct common_opts common;
	struct disable_run run;
	struct report report = { { 0 } };
	struct strbuf journal = STRBUF_INIT, line = STRBUF_INIT;
	const char *userlist = NULL;
	int first, status;

	msg_init(argv[0]);
	ldap_settings_init(&ldap);
	disable_run_init(&run);
	status = cmdline_parse(&tool, argc, argv, &common, &first);
	if (status || common.exit_now)
		goto out;
	if (s.mode == MODE_DISABLE) {
		if (argc - first != 1) {
			status = fail(UCMIG_EX_USAGE, "give one USERLIST (or --verify / --undo); see --help");
			goto out;
		}
		userlist = argv[first];
	} else if (argc - first != 0) {
		status = fail(UCMIG_EX_USAGE, "--verify and --undo take no USERLIST operand");
		goto out;
	} else if (s.mode == MODE_VERIFY) {
		userlist = s.verify_list;
	}
	run.mode = s.mode;
	run.dry_run = s.dry_run;
	run.keep_going = s.keep_going;
	run.window = (size_t)s.window;
	run.journal_path = s.mode == MODE_UNDO ? s.undo_journal
			 : s.journal ? s.journal : default_journal(common.report, userlist, &journal);
	run.ldap_settings = &ldap;
	run.report = &report;
	run.progress_mode = common.progress;
	if ((status = report_open(&report, common.report)))
		goto out;

	status = disable_run_execute(&run, userlist);
	if (!run.outcome)
		goto out;      /* stopped before any user was looked at */
	status = ucmig_exit_worst(status, disable_run_write_results(&run, s.rejects));
	for (int o = 0; o < OUT_COUNT; o++)
		if (run.counts.n[o] && outcome_is_failure((enum outcome)o))
			status = ucmig_exit_worst(status, UCMIG_EX_PARTIAL);
	outcome_summary(&run.counts, run.users.count, &line);
	if (s.dry_run)
		strbuf_addstr(&line, " (dry run: nothing changed)");
	else if (s.mode != MODE_VERIFY)
		strbuf_addf(&line, "; journal %s", run.journal_path);
	if (run.ldap.reconnects)
		strbuf_addf(&line, "; %u reconnect%s", run.ldap.reconnects, run.ldap.reconnects == 1 ? "" : "s");
	note("%s", line.buf);
out:
	status = ucmig_exit_worst(status, report_close(&report));
	disable_run_release(&run);
	strbuf_release(&journal);
	strbuf_release(&line);
	return status;
}
