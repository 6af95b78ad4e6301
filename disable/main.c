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
#include "ldap/aduser.h"
#include "ldap/ldap_session.h"
#include "base/msg.h"
#include "base/wrapup.h"
#include "domain/domain_list.h"
#include "domain/sipuri.h"
#include "run.h"

enum im_address_choice { IM_ADDRESS_UNSET = -1, IM_ADDRESS_MAIL, IM_ADDRESS_USERID };

struct settings {
	enum disable_mode mode;
	bool set_address;
	int im_address;                     /* enum im_address_choice */
	struct domain_list domains;         /* the first is the IM address domain */
	const char *verify_list;
	const char *undo_journal;
	const char *journal;
	const char *rejects;
	bool dry_run, keep_going;
	long in_flight;
	long parallel;
	long everyone;
};

enum { OPT_VERIFY = 1, OPT_UNDO, OPT_DOMAINS };

#define S struct settings
static const struct tool_option options[] = {
	OPT_FLAG("dry-run", 'n', "change nothing; report what would be done", S, dry_run),
	OPT_FLAG("continue", 'c', "go on past users that fail (default: stop at the first)", S, keep_going),
	OPT_FILE("journal", 0, "FILE", "journal of changes (default: next to --report or USERLIST)", S, journal),
	OPT_FILE("rejects", 0, "FILE", "write the users that failed, as a user list", S, rejects),
	OPT_CALLBACK_PATH("verify", 0, "USERLIST", "check every user in USERLIST: disabled (--set-address: has its address)",
			  OPT_VERIFY, OPTION_FILE),
	OPT_CALLBACK_PATH("undo", 0, "JOURNAL", "put back what JOURNAL recorded, the disable or the addresses it says",
			  OPT_UNDO, OPTION_FILE),
	OPT_NUMBER("in-flight", 0, "N", "LDAP requests outstanding at once (default 32)", S, in_flight, 1, 1024),
	OPT_NUMBER("parallel", 0, "N", "connections the changes are spread over (default 4)", S, parallel,
		   1, MODIFY_WINDOW_MAX_SESSIONS),
	OPT_EVERYONE(S, everyone),
	OPT_FLAG("set-address", 0, "instead: give users without one msRTCSIP-PrimaryUserAddress sip:IM-ADDRESS",
		 S, set_address),
	OPT_CHOICE("im-address", 0, "mail|userid",
		   "--set-address: the IM address is mail (default) or sAMAccountName@DOMAIN", S, im_address),
	OPT_CALLBACK("domains", 0, "LIST",
		     "the IM and Presence domains; the first is that of --im-address userid", OPT_DOMAINS),
	OPT_ALIAS("window", "in-flight"),
	OPT_ALIAS("domain", "domains"),
	OPT_END,
};
#undef S

static int handle_option(int id, const char *arg, void *data)
{
	struct settings *s = data;

	switch (id) {
	case OPT_DOMAINS: return domain_list_parse(&s->domains, "--domains", arg);
	case OPT_VERIFY:
	case OPT_UNDO:
		if (s->mode != MODE_CHANGE)
			return fail(UCMIG_EX_USAGE, "--verify and --undo exclude each other; give one");
		s->mode = id == OPT_VERIFY ? MODE_VERIFY : MODE_UNDO;
		*(id == OPT_VERIFY ? &s->verify_list : &s->undo_journal) = arg;
		return 0;
	}
	return fail(UCMIG_EX_SOFTWARE, "option %d not handled", id);
}

/* The IM address domain: the first of --domains, or NULL. */
static const char *address_domain(const struct settings *s)
{
	return s->domains.n ? s->domains.name[0] : NULL;
}

/* Options that only make sense together. */
static int check_settings(const struct settings *s)
{
	const char *domain = address_domain(s), *why;

	if (s->im_address != IM_ADDRESS_UNSET && !s->set_address)
		return fail(UCMIG_EX_USAGE, "--im-address goes with --set-address");
	if (s->set_address && s->im_address == IM_ADDRESS_USERID && !domain)
		return fail(UCMIG_EX_USAGE, "--im-address userid needs --domains: the address is sAMAccountName@DOMAIN");
	if (domain && (why = domain_check(domain, strlen(domain))))
		return fail(UCMIG_EX_USAGE, "--domains '%s': %s", domain, why);
	return 0;
}

/* The change an undo puts back is the one its journal recorded: the
 * journal's tool line says which, so --undo JOURNAL needs no mode. A
 * mode named that the journal contradicts (--set-address with a journal
 * of the disable) is an error, not a guess. */
static int pick_target(const struct settings *s, const struct disable_target **target)
{
	enum disable_journal_kind kind;
	int status;

	*target = s->set_address ? &target_address : &target_enabled;
	if (s->mode != MODE_UNDO)
		return 0;
	if ((status = disable_journal_kind_of(s->undo_journal, &kind)))
		return status;
	if (s->set_address && kind != JOURNAL_OF_ADDRESS)
		return fail(UCMIG_EX_USAGE, "--undo %s: a journal of the disable (msRTCSIP-UserEnabled), "
			    "not of --set-address; leave out --set-address to undo it", s->undo_journal);
	*target = kind == JOURNAL_OF_ADDRESS ? &target_address : &target_enabled;
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
		wrapup_summary_journal(w, run->journal_path);
	if (reconnects)
		wrapup_summary_addf(w, "; %u reconnect%s", reconnects, reconnects == 1 ? "" : "s");
}

int main(int argc, char **argv)
{
	struct settings s = { .mode = MODE_CHANGE, .im_address = IM_ADDRESS_UNSET, .in_flight = 32, .parallel = 4,
			      .everyone = -1 };
	struct ldap_settings ldap;
	const struct tool_spec tool = {
		.name = "ucmig-disable",
		.synopsis = "[options] [--set-address] USERLIST | --verify USERLIST | --undo JOURNAL",
		.summary = "Disable users on the Microsoft server: msRTCSIP-UserEnabled to FALSE in AD;\n"
			   "or, with --set-address, give IM and Presence-only users a SIP address in AD.",
		.group = {
			{ "options", options, handle_option, &s },
			{ "LDAP options", ldap_options, NULL, &ldap },
		},
		.versions = { ldap_library_versions },
	};
	struct common_opts common;
	struct disable_run run;
	struct wrapup w;
	const char *userlist;
	int first, status;

	msg_init(argv[0]);
	domain_list_init(&s.domains);
	ldap_settings_init(&ldap);
	disable_run_init(&run);
	wrapup_init(&w, tool.name, disable_outcomes, OUT_COUNT);
	if ((status = wrapup_parse(&w, &tool, argc, argv, &common, &first)) || common.exit_now ||
	    (status = check_settings(&s)) ||
	    (status = pick_userlist(&s, argc - first, argv + first, &userlist)) ||
	    (status = pick_target(&s, &run.target)))
		goto out;
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
	run.window = (size_t)s.in_flight;
	run.parallel = (size_t)s.parallel;
	run.everyone = s.everyone;
	run.domain = address_domain(&s);
	run.query.by = s.im_address == IM_ADDRESS_USERID ? AD_BY_ACCOUNT : AD_BY_MAIL;
	run.query.domain = address_domain(&s);
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
	domain_list_free(&s.domains);
	return status;
}
