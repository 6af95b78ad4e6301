/*
 * ucmig-disable - set msRTCSIP-UserEnabled to FALSE in Active Directory
 * for a batch of users, verify it, and undo it; or (--set-address) give
 * IM and Presence-only users an msRTCSIP-PrimaryUserAddress.
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
#include "base/wrapup.h"
#include "domain/sipuri.h"
#include "run.h"

struct settings {
	enum disable_mode mode;
	bool set_address;
	const char *im_address;             /* --im-address, or NULL */
	const char *domain;
	const char *verify_list;
	const char *undo_journal;
	const char *journal;
	const char *rejects;
	bool dry_run, keep_going;
	long window;
	long parallel;
	long everyone;
};

enum {
	OPT_VERIFY = 0x100, OPT_UNDO, OPT_JOURNAL, OPT_REJECTS, OPT_WINDOW, OPT_PARALLEL, OPT_EVERYONE,
	OPT_SET_ADDRESS, OPT_IM_ADDRESS, OPT_DOMAIN,
};

static const struct tool_option options[] = {
	{ "dry-run", 'n', no_argument, NULL, "change nothing; report what would be done", 'n' },
	{ "continue", 'c', no_argument, NULL, "go on past users that fail (default: stop at the first)", 'c' },
	{ "journal", 0, required_argument, "FILE", "journal of changes (default: next to --report or USERLIST)", OPT_JOURNAL },
	{ "rejects", 0, required_argument, "FILE", "write the users that failed, as a user list", OPT_REJECTS },
	{ "verify", 0, required_argument, "USERLIST", "check every user in USERLIST: disabled (--set-address: has its address)", OPT_VERIFY },
	{ "undo", 0, required_argument, "JOURNAL", "put back the values JOURNAL recorded (--set-address: remove those it added)", OPT_UNDO },
	{ "window", 0, required_argument, "N", "outstanding LDAP requests at once (default 32)", OPT_WINDOW },
	{ "parallel", 0, required_argument, "N", "connections the changes are spread over (default 4)", OPT_PARALLEL },
	{ "everyone", 0, required_argument, "N",
	  "confirm that a DN: line naming a whole domain means all N users found there", OPT_EVERYONE },
	{ "set-address", 0, no_argument, NULL,
	  "instead: give users without one msRTCSIP-PrimaryUserAddress sip:IM-ADDRESS", OPT_SET_ADDRESS },
	{ "im-address", 0, required_argument, "mail|userid",
	  "--set-address: the IM address is mail (default) or sAMAccountName@DOMAIN", OPT_IM_ADDRESS },
	{ "domain", 0, required_argument, "DOMAIN",
	  "IM address domain (--im-address userid, and IM and Presence user exports)", OPT_DOMAIN },
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
	case OPT_SET_ADDRESS: s->set_address = true; return 0;
	case OPT_IM_ADDRESS:
		if (strcmp(arg, "mail") && strcmp(arg, "userid"))
			return fail(UCMIG_EX_USAGE, "--im-address is mail or userid, not '%s'", arg);
		s->im_address = arg;
		return 0;
	case OPT_DOMAIN:
		if (domain_check(arg, strlen(arg)))
			return fail(UCMIG_EX_USAGE, "--domain '%s': %s", arg, domain_check(arg, strlen(arg)));
		s->domain = arg;
		return 0;
	case OPT_VERIFY:
	case OPT_UNDO:
		if (s->mode != MODE_CHANGE)
			return fail(UCMIG_EX_USAGE, "--verify and --undo exclude each other; give one");
		s->mode = id == OPT_VERIFY ? MODE_VERIFY : MODE_UNDO;
		*(id == OPT_VERIFY ? &s->verify_list : &s->undo_journal) = arg;
		return 0;
	case OPT_WINDOW: return cmdline_number("window", arg, 1, 1024, &s->window);
	case OPT_PARALLEL: return cmdline_number("parallel", arg, 1, MODIFY_WINDOW_MAX_SESSIONS, &s->parallel);
	case OPT_EVERYONE: return cmdline_number("everyone", arg, 0, 10000000, &s->everyone);
	}
	return fail(UCMIG_EX_SOFTWARE, "option %d not handled", id);
}

/* Options that only make sense together. */
static int check_settings(const struct settings *s)
{
	if (s->im_address && !s->set_address)
		return fail(UCMIG_EX_USAGE, "--im-address goes with --set-address");
	if (s->set_address && s->im_address && strcmp(s->im_address, "userid") == 0 && !s->domain)
		return fail(UCMIG_EX_USAGE, "--im-address userid needs --domain: the address is sAMAccountName@DOMAIN");
	return 0;
}

/* Which user list the mode reads, from the operands. */
static int pick_userlist(const struct settings *s, int noperands, char **operands, const char **out)
{
	*out = NULL;
	if (s->mode == MODE_CHANGE) {
		if (noperands != 1)
			return fail(UCMIG_EX_USAGE, "give one USERLIST (or --verify / --undo); see --help");
		*out = operands[0];
	} else if (noperands != 0) {
		return fail(UCMIG_EX_USAGE, "--verify and --undo take no USERLIST operand");
	} else if (s->mode == MODE_VERIFY) {
		*out = s->verify_list;
	}
	return 0;
}

static void summary(struct wrapup *w, const struct disable_run *run, const struct settings *s)
{
	size_t n = run->users.count;
	unsigned reconnects = disable_run_reconnects(run);

	wrapup_summary_addf(w, "%zu user%s", n, n == 1 ? "" : "s");
	wrapup_summary_counts(w, 0, ": ");
	if (s->dry_run)
		wrapup_summary_addf(w, " (dry run: nothing changed)");
	else if (s->mode != MODE_VERIFY)
		wrapup_summary_addf(w, "; journal %s", run->journal_path);
	if (reconnects)
		wrapup_summary_addf(w, "; %u reconnect%s", reconnects, reconnects == 1 ? "" : "s");
}

int main(int argc, char **argv)
{
	struct settings s = { .mode = MODE_CHANGE, .window = 32, .parallel = 4, .everyone = -1 };
	struct ldap_settings ldap;
	const struct tool_spec tool = {
		.name = "ucmig-disable",
		.synopsis = "[options] [--set-address] USERLIST | --verify USERLIST | --undo JOURNAL",
		.summary = "Disable users on the Microsoft server: msRTCSIP-UserEnabled to FALSE in AD;\n"
			   "or, with --set-address, give IM and Presence-only users a SIP address in AD.",
		.group = {
			{ "options", options, handle_option, &s },
			{ "LDAP options", ldap_options, ldap_option_handle, &ldap },
		},
	};
	struct common_opts common;
	struct disable_run run;
	struct wrapup w;
	const char *userlist;
	int first, status;

	msg_init(argv[0]);
	ldap_settings_init(&ldap);
	disable_run_init(&run);
	wrapup_init(&w, tool.name, disable_outcomes, OUT_COUNT);
	if ((status = cmdline_parse(&tool, argc, argv, &common, &first)) || common.exit_now ||
	    (status = check_settings(&s)) ||
	    (status = pick_userlist(&s, argc - first, argv + first, &userlist)))
		goto out;
	run.target = s.set_address ? &target_address : &target_enabled;
	run.journal_path = wrapup_journal_path_named(&w, run.target->journal_name,
						     s.mode == MODE_UNDO ? s.undo_journal : s.journal,
						     common.report, userlist);
	wrapup_input(&w, userlist, s.mode == MODE_VERIFY ? "--verify" : "the user list");
	wrapup_input(&w, ldap.password_file, "-y");
	if ((status = wrapup_open(&w, &common, s.rejects)))
		goto out;
	run.mode = s.mode;
	run.dry_run = s.dry_run;
	run.keep_going = s.keep_going;
	run.window = (size_t)s.window;
	run.parallel = (size_t)s.parallel;
	run.everyone = s.everyone;
	run.domain = s.domain;
	run.query.by = s.im_address && strcmp(s.im_address, "userid") == 0 ? AD_BY_ACCOUNT : AD_BY_MAIL;
	run.query.domain = s.domain;
	run.ldap_settings = &ldap;
	run.wrapup = &w;

	status = disable_run_execute(&run, userlist);
	if (run.outcome) {       /* the users were looked at: say what became of each */
		disable_run_record_outcomes(&run);
		summary(&w, &run, &s);
	}
out:
	wrapup_fail(&w, status);
	status = wrapup_finish(&w);
	disable_run_release(&run);
	return status;
}
