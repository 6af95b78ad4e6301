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
#include "ldap/aduser.h"
#include "ldap/ldap_session.h"
#include "base/msg.h"
#include "purge.h"
#include "base/wrapup.h"
#include "base/xalloc.h"
#include "topology.h"
#include "userdata/userdata_source.h"
#include "domain/userlist.h"

/* The Microsoft User Replicator's worst case (SPEC.md section 1). */
#define DEFAULT_MIN_AGE_MINUTES 30
/* Connections per database: each carries one user's transaction, so
 * this many are in flight per database. Four hide a network's round
 * trips; SQL Server takes far more connections than that. */
#define DEFAULT_PARALLEL 4
#define MAX_PARALLEL 32

struct settings {
	bool dry_run, no_backup, skip_ad;
	const char *journal, *rejects, *topology, *backup, *disable_journal, *profile;
	long min_age;
	long batch, parallel;
	long everyone;
};

/* What one run works on, read and decided before any database. */
struct batch {
	struct userlist users;
	struct topology topo;
	struct interlocks il;
	enum refusal *refused;       /* per user */
	long wait_s;                 /* longest wait of a too-recent user */
	struct purge purge;
};

static void batch_init(struct batch *b)
{
	memset(b, 0, sizeof(*b));
	userlist_init(&b->users);
	interlocks_init(&b->il);
}

static void batch_release(struct batch *b)
{
	free(b->purge.failed_user);
	free(b->refused);
	topology_free(&b->topo);
	interlocks_release(&b->il);
	userlist_free(&b->users);
}

#define S struct settings
static const struct tool_option options[] = {
	OPT_FLAG("dry-run", 'n', "delete nothing; report per user and table the rows that would go", S, dry_run),
	OPT_FILE("topology", 0, "FILE", "the pool's databases, each with its connection", S, topology),
	OPT_FILE("backup", 0, "FILE", "a BAT CSV or Export-CsUserData file that must hold each user", S, backup),
	OPT_FLAG("no-backup", 0, "do not require users to be in a backup", S, no_backup),
	OPT_FLAG("skip-ad-check", 0, "do not require users to be disabled in AD", S, skip_ad),
	OPT_FILE("disable-journal", 0, "FILE", "ucmig-disable's journal: when each user was disabled", S, disable_journal),
	OPT_NUMBER("min-age", 0, "MINUTES", "time since the disable (default 30; 0: no check)", S, min_age, 0, 100000),
	OPT_FILE("journal", 0, "FILE", "journal of deletions (default: next to --report or USERLIST)", S, journal),
	OPT_FILE("rejects", 0, "FILE", "write the users not deleted everywhere, as a user list", S, rejects),
	OPT_FILE("profile", 0, "FILE", "SQL profile instead of the built-in one", S, profile),
	OPT_NUMBER("batch", 0, "N", "users resolved per query (default and most sent at once: 150)", S, batch, 1, 2000),
	OPT_NUMBER("parallel", 0, "N", "connections per database, each carrying one user's transaction (default 4)",
		   S, parallel, 1, MAX_PARALLEL),
	OPT_EVERYONE(S, everyone),
	OPT_END,
};
#undef S

/* Each interlock is on unless turned off by name. The AD check needs a
 * directory: -H, or the URI of ldap.conf / LDAPURI, which the LDAP
 * session itself finds (ldap_settings_have_uri). */
static int check_settings(const struct settings *s, const struct ldap_settings *ldap, int noperands)
{
	if (noperands != 1)
		return fail(UCMIG_EX_USAGE, "give one USERLIST; see --help");
	if (!s->backup && !s->no_backup)
		return fail(UCMIG_EX_USAGE, "give --backup FILE (users must be backed up) or --no-backup");
	if (s->backup && s->no_backup)
		return fail(UCMIG_EX_USAGE, "--backup and --no-backup exclude each other");
	if (!s->skip_ad && !ldap_settings_have_uri(ldap))
		return fail(UCMIG_EX_USAGE, "give -H URI (users must be disabled in AD) or --skip-ad-check");
	if (s->min_age > 0 && !s->disable_journal)
		return fail(UCMIG_EX_USAGE, "give --disable-journal FILE (ucmig-disable's) or --min-age 0");
	return 0;
}

/* Everything read and checked before any server is touched: the user
 * list, the databases, the interlocks' inputs; then each user decided. */
static int prepare(const struct settings *s, const struct ldap_settings *ldap,
		   const struct db_settings *db, const char *userlist, struct batch *b)
{
	int status;

	if ((status = userlist_load(&b->users, userlist, NULL)) ||
	    (status = s->topology ? topology_load(&b->topo, s->topology, db)
				  : topology_from_options(&b->topo, db)))
		return status;
	for (size_t i = 0; i < b->users.count; i++)
		if (b->users.entry[i].kind == USERLIST_DN && s->skip_ad)
			return fail(UCMIG_EX_USAGE, "%s:%lu: DN: lines need the AD check", b->users.file,
				    b->users.entry[i].line);
	b->il.check_ad = !s->skip_ad;
	b->il.ldap = ldap;
	b->il.backup = s->backup;
	b->il.disable_journal = s->disable_journal;
	b->il.min_age = s->min_age * 60;
	b->il.will_change = !s->dry_run;
	b->il.everyone = s->everyone;
	if ((status = interlocks_load(&b->il)) ||
	    (status = interlocks_apply(&b->il, &b->users, &b->refused, &b->wait_s)))
		return status;
	return 0;
}

/* Every database at once; then the refused and failed users as rejects. */
static int purge_all(const struct settings *s, struct batch *b, struct wrapup *w)
{
	int status;

	b->purge.dry_run = s->dry_run;
	b->purge.profile_path = s->profile;
	b->purge.batch = (size_t)s->batch;
	b->purge.parallel = (size_t)s->parallel;
	b->purge.wrapup = w;
	b->purge.failed_user = xcalloc(b->users.count, sizeof(bool));
	if ((status = purge_open_journal(&b->purge, w->journal.buf)))
		return status;
	userlist_report_duplicates(&b->users, &w->report, "delete");
	for (size_t i = 0; i < b->users.count; i++)
		if (b->refused[i] != REFUSE_NONE)
			wrapup_record(w, outcome_of_refusal(b->refused[i]), b->users.entry[i].value,
				      "delete", NULL);
	status = purge_pool(&b->purge, &b->topo, &b->users, b->refused);
	for (size_t i = 0; i < b->users.count; i++)
		if (b->refused[i] != REFUSE_NONE || b->purge.failed_user[i])
			wrapup_reject(w, b->users.entry[i].value);
	/* No database reached at all: say why (77 login, 69 down), not just 1. */
	if (b->purge.databases_down && !b->purge.databases_up)
		wrapup_fail(w, b->purge.down_status);
	return status;
}

/* Every file read, for the wrap-up's check that no output overwrites one. */
static void name_files(struct wrapup *w, const struct settings *s, const struct ldap_settings *ldap,
		       const struct batch *b, const char *userlist)
{
	wrapup_input(w, userlist, "the user list");
	wrapup_input(w, s->topology, "--topology");
	wrapup_input(w, s->backup, "--backup");
	wrapup_input(w, s->disable_journal, "--disable-journal");
	wrapup_input(w, s->profile, "--profile");
	wrapup_input(w, ldap->password_file, "-y");
	for (size_t d = 0; d < b->topo.n; d++)
		wrapup_input(w, b->topo.inst[d].set.password_file, "a database password file");
}

static void summary(struct wrapup *w, const struct batch *b, bool dry_run)
{
	size_t n = b->users.count, ndb = b->topo.n;
	long minutes = (b->wait_s + 59) / 60;
	unsigned long later = w->count[outcome_of_refusal(REFUSE_TOO_RECENT)];

	wrapup_summary_addf(w, "%zu user%s on %zu database%s", n, n == 1 ? "" : "s", ndb,
			    ndb == 1 ? "" : "s");
	wrapup_summary_counts(w, OUTCOME_GROUP_PURGE, ": ");
	wrapup_summary_counts(w, OUTCOME_GROUP_REFUSED, "; refused: ");
	if (later)
		wrapup_summary_addf(w, "; %lu disabled too recently: run again in %ld minute%s", later,
				    minutes, minutes == 1 ? "" : "s");
	if (dry_run)
		wrapup_summary_addf(w, " (dry run: nothing deleted)");
	else
		wrapup_summary_journal(w, b->purge.journal.path);
}

int main(int argc, char **argv)
{
	struct settings s = { .min_age = DEFAULT_MIN_AGE_MINUTES, .batch = DB_MAX_LIST,
			     .parallel = DEFAULT_PARALLEL, .everyone = -1 };
	struct ldap_settings ldap;
	struct db_settings db;
	const struct tool_spec tool = {
		.name = "ucmig-delete",
		.synopsis = "[options] --backup FILE --disable-journal FILE -H URI --db-server NAME... USERLIST",
		.summary = "Delete migrated users' data from every Microsoft server database, keeping them on others' lists.",
		.group = {
			{ "options", options, NULL, &s },
			{ "LDAP options (the AD check)", ldap_options, NULL, &ldap },
			{ "database options", db_options, db_option_handle, &db },
		},
		.versions = { db_library_versions, userdata_library_versions, ldap_library_versions },
	};
	struct common_opts common;
	struct batch b;
	struct wrapup w;
	int first, status;

	msg_init(argv[0]);
	ldap_settings_init(&ldap);
	db_settings_init(&db);
	batch_init(&b);
	wrapup_init(&w, tool.name, delete_outcomes, DELETE_OUTCOMES);
	if ((status = wrapup_parse(&w, &tool, argc, argv, &common, &first)) || common.exit_now ||
	    (status = check_settings(&s, &ldap, argc - first)) ||
	    (status = prepare(&s, &ldap, &db, argv[first], &b)))
		goto out;
	wrapup_journal_path(&w, s.journal, common.report, argv[first]);
	name_files(&w, &s, &ldap, &b, argv[first]);
	if ((status = wrapup_open(&w, &common, s.rejects)))
		goto out;
	status = purge_all(&s, &b, &w);
	summary(&w, &b, s.dry_run);
out:
	status = ucmig_exit_worst(status, purge_close(&b.purge));
	wrapup_fail(&w, status);
	status = wrapup_finish(&w);
	batch_release(&b);
	db_settings_release(&db);
	return status;
}
