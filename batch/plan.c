/*
 * plan.c - see plan.h.
 */
#include <stdio.h>
#include <string.h>

#include "base/exitcode.h"
#include "base/json.h"
#include "base/msg.h"
#include "base/outfile.h"
#include "domain/userlist.h"
#include "command.h"
#include "plan.h"
#include "results.h"
#include "run.h"
#include "standing.h"

enum verdict { CHECK_PASS, CHECK_WARN, CHECK_FAIL, CHECK_SKIPPED };
static const char *const verdict_word[] = { "pass", "warn", "fail", "skipped" };

#define MAX_CHECKS (PHASE_COUNT + 3)

struct check {
	const char *name;
	enum verdict verdict;
	struct strbuf detail;
};

struct plan {
	struct check check[MAX_CHECKS];
	size_t n;
};

static struct check *add_check(struct plan *pl, const char *name)
{
	struct check *c = &pl->check[pl->n++];

	c->name = name;
	c->verdict = CHECK_PASS;
	strbuf_init(&c->detail);
	return c;
}

/* A check's tool run: its exit status in *exit (0, or 1 for what it
 * found); any other stops the plan, which cannot say go or no-go. */
static int run_check_tool(struct batch *b, struct command *cmd, int *exit)
{
	char tool[32];
	int status;

	snprintf(tool, sizeof(tool), "%s", cmd->arg[0]);
	if ((status = command_print_run(b, cmd, exit)))
		return status;
	if (*exit > UCMIG_EX_PARTIAL)
		return fail(*exit, "%s ended with %d: %s", tool, *exit, exit_meaning(*exit));
	return 0;
}

/* federation: ucmig-fedcheck with batch.conf's [ucmig-fedcheck]. */
static int check_federation(struct batch *b, struct plan *pl)
{
	struct check *c = add_check(pl, "federation");
	struct command cmd;
	int exit, status;

	if (!b->fedcheck) {
		c->verdict = CHECK_SKIPPED;
		strbuf_addstr(&c->detail, "not asked (batch.conf: fedcheck = no)");
		return 0;
	}
	command_init(&cmd, "ucmig-fedcheck");
	command_add(&cmd, "--report=00-plan/fedcheck.csv");
	command_add(&cmd, "--summary=00-plan/fedcheck.json");
	if ((status = run_check_tool(b, &cmd, &exit)))
		return status;
	c->verdict = exit ? CHECK_FAIL : CHECK_PASS;
	strbuf_addstr(&c->detail, exit ? "checks failed: see 00-plan/fedcheck.csv" : "every check passed (00-plan/fedcheck.csv)");
	return 0;
}

/* A backup of every user in Microsoft's own format (Export-CsUserData or
 * dbimpexp), so that Import-CsUserData can put a user back: read with
 * the export itself; a user it does not find has none. */
static int check_backup(struct batch *b, struct plan *pl)
{
	struct check *c = add_check(pl, "backup");
	struct phase_results pr;
	struct strbuf key = STRBUF_INIT, missing_users = STRBUF_INIT;
	struct userlist ul;
	struct command cmd;
	const char *sep = ": no backup of ";
	unsigned long missing = 0;
	int exit, status;

	if (!b->backup) {
		c->verdict = CHECK_WARN;
		strbuf_addstr(&c->detail, "not checked: name the Export-CsUserData file in batch.conf's [batch] backup");
		return 0;
	}
	command_init(&cmd, "ucmig-export");
	command_add(&cmd, "--userdata=%s", b->backup);
	command_add(&cmd, "--output=00-plan/backup.csv");
	command_add(&cmd, "--report=00-plan/backup-report.csv");
	command_add(&cmd, "--summary=00-plan/backup-report.json");
	command_add(&cmd, "%s", BATCH_USERS);
	if ((status = run_check_tool(b, &cmd, &exit)))
		return status;
	results_init(&pr);
	userlist_init(&ul);
	if (!(status = results_load(&pr, "00-plan/backup-report.csv")) &&
	    !(status = userlist_load(&ul, BATCH_USERS, &(struct userlist_options){ 0 })))
		for (size_t i = 0; i < ul.count; i++) {
			const struct user_verdict *v;

			user_key(ul.entry[i].value, &key);
			v = results_find(&pr, key.buf);
			if (v && v->result != RESULT_NOT_FOUND)
				continue;
			missing++;
			strbuf_addf(&missing_users, "%s%s", sep, ul.entry[i].value);
			sep = ", ";
		}
	c->verdict = missing ? CHECK_FAIL : CHECK_PASS;
	strbuf_addf(&c->detail, "%s holds %zu of %zu users%s", b->backup, ul.count - missing, ul.count,
		    missing_users.buf);
	userlist_free(&ul);
	results_release(&pr);
	strbuf_release(&key);
	strbuf_release(&missing_users);
	return status;
}

/* The IM and Presence address each user will have, against the SIP URI:
 * the map from AD, and how many entries it has. */
static int check_addresses(struct batch *b, struct plan *pl)
{
	struct check *c = add_check(pl, "addresses");
	struct phase_results pr;
	unsigned long mapped = 0;
	struct command cmd;
	int exit, status;

	if (!b->im_address) {
		c->verdict = b->rename ? CHECK_FAIL : CHECK_SKIPPED;
		strbuf_addstr(&c->detail, b->rename ? "rename = yes needs [ucmig-rename] im-address"
						     : "no [ucmig-rename] im-address: IM and Presence IDs are the SIP URIs");
		return 0;
	}
	if (!b->rename) {
		/* The dry run did not build the map: build it here. */
		if ((status = phase_mkdir(b, PHASE_RENAME)))
			return status;
		command_init(&cmd, "ucmig-rename");
		command_add(&cmd, "--map-from-ldap");
		command_add(&cmd, "--output=00-plan/60-rename/map.csv");
		command_add(&cmd, "--report=00-plan/60-rename/map-report.csv");
		command_add(&cmd, "--summary=00-plan/60-rename/map-report.json");
		command_add(&cmd, "%s", BATCH_USERS);
		if ((status = run_check_tool(b, &cmd, &exit)))
			return status;
	}
	results_init(&pr);
	if (!(status = results_load(&pr, "00-plan/60-rename/map-report.csv")))
		for (size_t i = 0; i < pr.n; i++)
			mapped += pr.verdict[i].result == RESULT_MAPPED;
	results_release(&pr);
	if (status)
		return status;
	if (mapped && !b->rename)
		c->verdict = CHECK_FAIL;
	else if (!mapped && b->rename)
		c->verdict = CHECK_WARN;
	strbuf_addf(&c->detail, "%lu user%s get%s a new ID (00-plan/60-rename/map.csv)%s", mapped,
		    mapped == 1 ? "" : "s", mapped == 1 ? "s" : "",
		    mapped && !b->rename ? ": set rename = yes" : !mapped && b->rename ? ": rename = no would do" : "");
	return 0;
}

/* A phase's dry run: who would stop there, and why. */
static void check_phase(const struct batch *b, const struct standing *s, enum phase p, struct plan *pl)
{
	static const char *const names[PHASE_COUNT] = {
		[PHASE_EXPORT] = "export", [PHASE_DISABLE] = "disable -n", [PHASE_DELETE] = "delete -n",
		[PHASE_RENAME] = "rename", [PHASE_IMPORT] = "import plan",
	};
	struct check *c;
	const char *sep = ": ";

	if (!names[p] || !phase_needed(b, p))
		return;
	c = add_check(pl, names[p]);
	strbuf_addf(&c->detail, "%lu of %lu go on", s->passed[p], s->entered[p]);
	for (size_t i = 0; i < s->n; i++) {
		const struct user_standing *u = &s->user[i];
		const char *detail;
		enum result r;

		if (u->place != USER_STOPPED || u->at != p)
			continue;
		r = standing_reason(u, &detail);
		if (result_table[r].effect == OUTCOME_OK)
			c->verdict = c->verdict == CHECK_FAIL ? CHECK_FAIL : CHECK_WARN;
		else
			c->verdict = CHECK_FAIL;
		strbuf_addf(&c->detail, "%s%s %s", sep, u->uri, result_token(r));
		sep = ", ";
	}
	if (!s->ran[p]) {
		c->verdict = CHECK_FAIL;
		strbuf_addstr(&c->detail, " (the dry run did not get here)");
	}
}

static int write_plan(const struct plan *pl, bool go)
{
	struct outfile txt = { 0 }, js = { 0 };
	struct strbuf j = STRBUF_INIT;
	int status;

	strbuf_addf(&j, "{\n  \"ucmig-plan\": 1,\n  \"verdict\": \"%s\",\n  \"checks\": [", go ? "go" : "no-go");
	for (size_t i = 0; i < pl->n; i++) {
		strbuf_addf(&j, "%s\n    { \"check\": ", i ? "," : "");
		json_add_string(&j, pl->check[i].name);
		strbuf_addf(&j, ", \"result\": \"%s\", \"detail\": ", verdict_word[pl->check[i].verdict]);
		json_add_string(&j, pl->check[i].detail.buf);
		strbuf_addstr(&j, " }");
	}
	strbuf_addstr(&j, "\n  ]\n}\n");
	if ((status = outfile_open(&txt, "00-plan/plan.txt")) || (status = outfile_open(&js, "00-plan/plan.json")))
		goto out;
	for (int f = 0; f < 2; f++) {
		FILE *out = f ? txt.fp : stdout;

		fprintf(out, "%-12s %-8s %s\n", "check", "result", "detail");
		for (size_t i = 0; i < pl->n; i++)
			fprintf(out, "%-12s %-8s %s\n", pl->check[i].name, verdict_word[pl->check[i].verdict],
				pl->check[i].detail.buf);
		fprintf(out, "verdict: %s\n", go ? "GO" : "NO-GO: fix every check that failed, then plan again");
	}
	fputs(j.buf, js.fp);
	if (!(status = outfile_commit(&txt)))
		status = outfile_commit(&js);
out:
	if (status) {
		outfile_abort(&txt);
		outfile_abort(&js);
	}
	strbuf_release(&j);
	return status;
}

int batch_plan(struct batch *b)
{
	struct plan pl = { .n = 0 };
	struct standing s = { 0 };
	bool go = true;
	int status;

	b->root = "00-plan/";
	printf("== 00-plan: every check that changes nothing\n");
	if ((status = phase_mkdir(b, PHASE_EXPORT)) || (status = check_federation(b, &pl)) ||
	    (status = check_backup(b, &pl)) || (status = batch_dry_run(b)) || (status = check_addresses(b, &pl)) ||
	    (status = standing_load(&s, b)))
		goto out;
	for (int p = 0; p < PHASE_COUNT; p++)
		check_phase(b, &s, p, &pl);
	for (size_t i = 0; i < pl.n; i++)
		go = go && pl.check[i].verdict != CHECK_FAIL;
	printf("\n");
	if (!(status = write_plan(&pl, go)) && !go)
		status = UCMIG_EX_PARTIAL;
out:
	standing_release(&s);
	for (size_t i = 0; i < pl.n; i++)
		strbuf_release(&pl.check[i].detail);
	return status;
}
