/*
 * ucmig-delete - purge migrated users' data from every database of a
 * Microsoft pool, keeping them on the contact lists of those who stay.
 *
 * main() reads options and input, applies the interlocks, then hands
 * each database to purge.c and prints the summary.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cmdline.h"
#include "mssql/db_session.h"
#include "base/exitcode.h"
#include "base/infile.h"
#include "interlock.h"
#include "ldap/ldap_session.h"
#include "base/msg.h"
#include "base/outfile.h"
#include "base/progress.h"
#include "purge.h"
#include "base/report.h"
#include "topology.h"
#include "domain/userlist.h"

/* The Microsoft User Replicator's worst case (SPEC.md section 1). */
#define DEFAULT_MIN_AGE_MINUTES 30

struct settings {
	bool dry_run, no_backup, skip_ad;
	const char *journal, *rejects, *topology, *backup, *disable_journal, *profile;
	long min_age;
	size_t batch;
};

enum {
	OPT_JOURNAL = 0x100, OPT_REJECTS, OPT_TOPOLOGY, OPT_BACKUP, OPT_NO_BACKUP, OPT_SKIP_AD,
	OPT_MIN_AGE, OPT_DISABLE_JOURNAL, OPT_PROFILE, OPT_BATCH,
};

static const struct tool_option options[] = {
	{ "dry-run", 'n', no_argument, NULL, "delete nothing; report per user and table the rows that would go", 'n' },
	{ "topology", 0, required_argument, "FILE", "the pool's databases, each with its connection", OPT_TOPOLOGY },
	{ "backup", 0, required_argument, "FILE", "a BAT CSV or Export-CsUserData file that must hold each user", OPT_BACKUP },
	{ "no-backup", 0, no_argument, NULL, "do not require users to be in a backup", OPT_NO_BACKUP },
	{ "skip-ad-check", 0, no_argument, NULL, "do not require users to be disabled in AD", OPT_SKIP_AD },
	{ "disable-journal", 0, required_argument, "FILE", "ucmig-disable's journal: when each user was disabled", OPT_DISABLE_JOURNAL },
	{ "min-age", 0, required_argument, "MINUTES", "time since the disable (default 30; 0: no check)", OPT_MIN_AGE },
	{ "journal", 0, required_argument, "FILE", "journal of deletions (default: next to --report or USERLIST)", OPT_JOURNAL },
	{ "rejects", 0, required_argument, "FILE", "write the users not deleted everywhere, as a user list", OPT_REJECTS },
	{ "profile", 0, required_argument, "FILE", "SQL profile instead of the built-in one", OPT_PROFILE },
	{ "batch", 0, required_argument, "N", "users resolved per query (default 500, at most 2000)", OPT_BATCH },
	{ NULL, 0, 0, NULL, NULL, 0 },
};

static int handle_option(int id, const char *arg, void *data)
{
	struct settings *s = data;
	long v;
	int status;

	switch (id) {
	case 'n': s->dry_run = true; return 0;
	case OPT_TOPOLOGY: s->topology = arg; return 0;
	case OPT_BACKUP: s->backup = arg; return 0;
	case OPT_NO_BACKUP: s->no_backup = true; return 0;
	case OPT_SKIP_AD: s->skip_ad = true; return 0;
	case OPT_DISABLE_JOURNAL: s->disable_journal = arg; return 0;
	case OPT_JOURNAL: s->journal = arg; return 0;
	case OPT_REJECTS: s->rejects = arg; return 0;
	case OPT_PROFILE: s->profile = arg; return 0;
	case OPT_MIN_AGE:
		return cmdline_number("min-age", arg, 0, 100000, &s->min_age);
	case OPT_BATCH:
		if (!(status = cmdline_number("batch", arg, 1, 2000, &v)))
			s->batch = (size_t)v;
		return status;
	}
	return fail(UCMIG_EX_SOFTWARE, "option %d not handled", id);
}

/* Each interlock is on unless turned off by name. */
static int check_settings(const struct settings *s, const struct ldap_settings *ldap, int noperands)
{
	if (noperands != 1)
		return fail(UCMIG_EX_USAGE, "give one USERLIST; see --help");
	if (!s->backup && !s->no_backup)
		return fail(UCMIG_EX_USAGE, "give --backup FILE (users must be backed up) or --no-backup");
	if (s->backup && s->no_backup)
		return fail(UCMIG_EX_USAGE, "--backup and --no-backup exclude each other");
	if (!s->skip_ad && !ldap->uri && !getenv("LDAPURI"))
		return fail(UCMIG_EX_USAGE, "give -H URI (users must be disabled in AD) or --skip-ad-check");
	if (s->min_age > 0 && !s->disable_journal)
		return fail(UCMIG_EX_USAGE, "give --disable-journal FILE (ucmig-disable's) or --min-age 0");
	return 0;
}

static void summary(const struct purge *p, const struct userlist *ul, size_t ndb,
		    const enum refusal *refused, long wait_s, struct strbuf *out)
{
	unsigned long refusals[REFUSE_COUNT] = { 0 };
	bool first = true;

	for (size_t i = 0; refused && i < ul->count; i++)
		refusals[refused[i]]++;
	strbuf_addf(out, "%zu user%s on %zu database%s", ul->count, ul->count == 1 ? "" : "s", ndb,
		    ndb == 1 ? "" : "s");
	for (int r = 0; r < PR_COUNT; r++)
		if (p->count[r]) {
			strbuf_addf(out, "%s%lu %s", first ? ": " : ", ", p->count[r], purge_result_text(r));
			first = false;
		}
	first = true;
	for (int r = REFUSE_NONE + 1; r < REFUSE_COUNT; r++)
		if (refusals[r] && r != REFUSE_TOO_RECENT) {
			strbuf_addf(out, "%s%lu %s", first ? "; refused: " : ", ", refusals[r], refusal_text(r));
			first = false;
		}
	if (refusals[REFUSE_TOO_RECENT])
		strbuf_addf(out, "; %lu disabled too recently: run again in %ld minute%s",
			    refusals[REFUSE_TOO_RECENT], (wait_s + 59) / 60, (wait_s + 59) / 60 == 1 ? "" : "s");
}

int main(int argc, char **argv)
{
	struct settings s = { .min_age = DEFAULT_MIN_AGE_MINUTES, .batch = 500 };
	struct ldap_settings ldap;
	struct db_settings db;
	const struct tool_spec tool = {
		.name = "ucmig-delete",
		.synopsis = "[options] --backup FILE --disable-journal FILE -H URI --db-server NAME... USERLIST",
		.summary = "Delete migrated users' data from every Microsoft server database, keeping them on others' lists.",
		.group = {
			{ "options", options, handle_option, &s },
			{ "LDAP options (the AD check)", ldap_options, ldap_option_handle, &ldap },
			{ "database options", db_options, db_option_handle, &db },
		},
	};
	struct common_opts common;
	struct userlist users;
	struct interlocks il;
	struct topology topo = { 0 };
	struct purge purge = { 0 };
	struct report report = { { 0 } };
	struct outfile rejects = { 0 };
	struct progress progress;
	struct strbuf journal = STRBUF_INIT, line = STRBUF_INIT;
	enum refusal *refused = NULL;
	long wait_s = 0;
	int first, status;

	msg_init(argv[0]);
	ldap_settings_init(&ldap);
	db_settings_init(&db);
	userlist_init(&users);
	interlocks_init(&il);
	status = cmdline_parse(&tool, argc, argv, &common, &first);
	if (status || common.exit_now)
		goto out;
	if ((status = check_settings(&s, &ldap, argc - first)))
		goto out;

	/* Everything read and checked before any server is touched. */
	if ((status = userlist_load(&users, argv[first], NULL)) ||
	    (status = s.topology ? topology_load(&topo, s.topology, &db) : topology_from_options(&topo, &db)))
		goto out;
	for (size_t i = 0; i < users.count; i++)
		if (users.entry[i].kind == USERLIST_DN && s.skip_ad) {
			status = fail(UCMIG_EX_USAGE, "%s:%lu: DN: lines need the AD check", users.file,
				      users.entry[i].line);
			goto out;
		}
	il.check_ad = !s.skip_ad;
	il.ldap = &ldap;
	il.backup = s.backup;
	il.disable_journal = s.disable_journal;
	il.min_age = s.min_age * 60;
	if ((status = interlocks_load(&il)) || (status = interlocks_apply(&il, &users, &refused, &wait_s)))
		goto out;

	/* Then each database. */
	if (!s.journal)
		strbuf_addf(&journal, "%s.journal", common.report ? common.report
			    : infile_is_stdin(argv[first]) ? "ucmig-delete" : argv[first]);
	purge.dry_run = s.dry_run;
	purge.profile_path = s.profile;
	purge.batch = s.batch;
	purge.report = &report;
	purge.failed_user = calloc(users.count ? users.count : 1, sizeof(bool));
	if ((status = report_open(&report, common.report)) ||
	    (status = purge_open_journal(&purge, s.journal ? s.journal : journal.buf)))
		goto out;
	for (size_t i = 0; i < users.count; i++)
		if (refused[i] != REFUSE_NONE)
			report_line(&report, users.entry[i].value, "delete", "refused", refusal_text(refused[i]));
	progress_start(&progress, common.progress);
	purge.progress = &progress;
	for (size_t d = 0; d < topo.n && !status; d++)
		status = purge_database(&purge, &topo.inst[d], &users, refused);
	progress_end(&progress);

	/* Rejects: refused, or failed on some database. */
	if (!status && !(status = outfile_open(&rejects, s.rejects)) && rejects.fp)
		for (size_t i = 0; i < users.count; i++)
			if (refused[i] != REFUSE_NONE || purge.failed_user[i])
				fprintf(rejects.fp, "%s\n", users.entry[i].value);
	status = ucmig_exit_worst(status, outfile_commit(&rejects));
	summary(&purge, &users, topo.n, refused, wait_s, &line);
	if (s.dry_run)
		strbuf_addstr(&line, " (dry run: nothing deleted)");
	else
		strbuf_addf(&line, "; journal %s", purge.journal.path);
	note("%s", line.buf);
	/* No database reached at all: say why (77 login, 69 down), not just 1. */
	if (purge.databases_down && !purge.databases_up)
		status = ucmig_exit_worst(status, purge.down_status);
	for (size_t i = 0; i < users.count; i++) {
		if (purge.failed_user[i] || (refused[i] != REFUSE_NONE && refused[i] != REFUSE_TOO_RECENT))
			status = ucmig_exit_worst(status, UCMIG_EX_PARTIAL);
		else if (refused[i] == REFUSE_TOO_RECENT)
			status = ucmig_exit_worst(status, UCMIG_EX_TEMPFAIL);
	}
out:
	status = ucmig_exit_worst(status, purge_close(&purge));
	status = ucmig_exit_worst(status, report_close(&report));
	outfile_abort(&rejects);
	free(purge.failed_user);
	free(refused);
	topology_free(&topo);
	db_settings_release(&db);
	interlocks_release(&il);
	userlist_free(&users);
	strbuf_release(&journal);
	strbuf_release(&line);
	return status;
}
