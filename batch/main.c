/*
 * ucmig-batch - one migration batch end to end, over the other six tools:
 * init, plan (every check that changes nothing, and a go/no-go), run
 * (the phases in order, with the replication gate, resume and --from),
 * status, and report (one HTML page and the same as JSON). See
 * doc/batch-design.md and ucmig-batch(1).
 *
 * main(): options, the subcommand, the batch directory; then the
 * subcommand's own phases (run.h, plan.h). Every user's standing at the
 * end goes to --report as a line of the one result language.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/cmdline.h"
#include "base/exitcode.h"
#include "base/msg.h"
#include "base/wrapup.h"
#include "batch.h"
#include "init.h"
#include "plan.h"
#include "report_page.h"
#include "run.h"
#include "standing.h"
#include "status.h"

struct settings {
	bool dry_run, wait;
	int from;                    /* --from: enum phase, or -1 */
};

#define S struct settings
static const struct tool_option options[] = {
	OPT_FLAG("dry-run", 'n', "run: every phase's dry run, in order, into DIR/dry-run; nothing changes", S,
		 dry_run),
	OPT_FLAG("wait", 0, "run: at the replication gate, wait until it opens (a countdown) instead of exit 75", S,
		 wait),
	OPT_CHOICE("from", 0, "export|disable|verify|gate|delete|rename|import|arrived",
		   "run: run this phase again, and those after it", S, from),
	OPT_END,
};
#undef S

enum subcommand { CMD_INIT, CMD_PLAN, CMD_RUN, CMD_STATUS, CMD_REPORT, CMD_COUNT };
static const char *const subcommands[CMD_COUNT] = { "init", "plan", "run", "status", "report" };

/* Every result token is an outcome of the batch: a user's standing is
 * the verdict of the phase where they are. */
static struct outcome_def outcomes[RESULT_COUNT];

static void outcomes_init(void)
{
	for (int r = 0; r < RESULT_COUNT; r++)
		outcomes[r] = (struct outcome_def){ result_table[r].token, r, 0, 0 };
}

static int parse_subcommand(int argc, char **argv, int first, enum subcommand *cmd, const char **dir,
			    const char **userlist)
{
	if (argc - first < 2)
		return fail(UCMIG_EX_USAGE, "give a command and the batch directory: init|plan|run|status|report DIR");
	for (*cmd = 0; *cmd < CMD_COUNT; (*cmd)++)
		if (strcmp(argv[first], subcommands[*cmd]) == 0)
			break;
	if (*cmd == CMD_COUNT)
		return fail(UCMIG_EX_USAGE, "no command '%s': init, plan, run, status or report", argv[first]);
	*dir = argv[first + 1];
	*userlist = argc - first == 3 && *cmd == CMD_INIT ? argv[first + 2] : NULL;
	if (argc - first > (*cmd == CMD_INIT ? 3 : 2))
		return fail(UCMIG_EX_USAGE, "%s: too many operands", argv[first]);
	return 0;
}

static int check_settings(const struct settings *s, enum subcommand cmd)
{
	if (cmd != CMD_RUN && (s->dry_run || s->wait || s->from >= 0))
		return fail(UCMIG_EX_USAGE, "--dry-run, --wait and --from are for run");
	if (s->dry_run && (s->wait || s->from >= 0))
		return fail(UCMIG_EX_USAGE, "--dry-run runs every phase's dry run: no --wait or --from");
	return 0;
}

/* --report and --summary are put in place at the end, from inside DIR:
 * make them absolute. */
static char *absolute(const char *path)
{
	char cwd[4096];
	size_t n;
	char *abs;

	if (!path || path[0] == '/' || strcmp(path, "-") == 0 || !getcwd(cwd, sizeof(cwd)))
		return NULL;
	n = strlen(cwd) + strlen(path) + 2;
	abs = malloc(n);
	if (abs)
		snprintf(abs, n, "%s/%s", cwd, path);
	return abs;
}

/* Every user's standing as a line of the report, and the summary line. */
static int record_standing(struct wrapup *w, const struct batch *b)
{
	struct standing st;
	int status;

	if ((status = standing_load(&st, b)))
		return status;
	for (size_t i = 0; i < st.n; i++) {
		const struct user_standing *u = &st.user[i];
		const char *detail = NULL;
		enum result r;

		if (u->place == USER_STOPPED) {
			r = standing_reason(u, &detail);
			wrapup_record(w, r, u->uri, phase_name(u->at), detail);
		} else if (u->place == USER_PENDING) {
			wrapup_record(w, RESULT_NOT_ATTEMPTED, u->uri, phase_name(u->at), "the batch has not got there yet");
		} else {
			int last = PHASE_COUNT - 1;
			while (last > 0 && !u->cell[last].has_result)
				last--;
			wrapup_record(w, u->cell[last].result, u->uri, "batch", "through every phase");
		}
	}
	wrapup_summary_addf(w, "%zu users", st.n);
	wrapup_summary_counts(w, 0, ": ");
	standing_release(&st);
	return 0;
}

/* The batch's own files, which --report and --summary must not be. */
static const struct {
	const char *name, *what;
	bool output;
} batch_files[] = {
	{ BATCH_USERS, "the batch's users", false }, { BATCH_CONF, "batch.conf", false },
	{ BATCH_STATE, "the batch's state", true }, { "report.html", "the batch report", true },
	{ "report.json", "the batch report's JSON", true },
};

int main(int argc, char **argv)
{
	struct settings s = { .from = -1 };
	const struct tool_spec tool = {
		.name = "ucmig-batch",
		.synopsis = "init DIR [USERLIST] | plan DIR | run [-n] [--wait] [--from PHASE] DIR | status DIR | "
			    "report DIR",
		.summary = "One migration batch end to end over the ucmig tools: plan, run, status, report.",
		.group = { { "options", options, NULL, &s } },
	};
	struct common_opts common;
	struct batch b = { 0 };
	struct wrapup w;
	enum subcommand cmd = CMD_INIT;
	const char *dir = NULL, *userlist = NULL;
	char *summary = NULL, *report = NULL;
	char batch_path[sizeof(batch_files) / sizeof(batch_files[0])][4096];
	int first, status;

	msg_init(argv[0]);
	outcomes_init();
	wrapup_init(&w, tool.name, outcomes, RESULT_COUNT);
	if ((status = wrapup_parse(&w, &tool, argc, argv, &common, &first)) || common.exit_now ||
	    (status = parse_subcommand(argc, argv, first, &cmd, &dir, &userlist)) ||
	    (status = check_settings(&s, cmd)))
		goto out;
	if ((summary = absolute(w.summary_path)))
		w.summary_path = summary;
	if ((report = absolute(common.report)))
		w.report_path = common.report = report;
	if (cmd == CMD_INIT) {
		status = batch_init(dir, userlist);
		goto out;
	}
	/* --report and --summary may be no file of the batch's own. */
	for (size_t i = 0; i < sizeof(batch_files) / sizeof(batch_files[0]); i++) {
		snprintf(batch_path[i], sizeof(batch_path[i]), "%s/%s", dir, batch_files[i].name);
		(batch_files[i].output ? wrapup_output : wrapup_input)(&w, batch_path[i], batch_files[i].what);
	}
	if ((status = wrapup_open(&w, &common, NULL)) || (status = batch_enter(&b, dir, argv[0])))
		goto out;
	switch (cmd) {
	case CMD_PLAN: status = batch_plan(&b); break;
	case CMD_RUN:
		if (s.dry_run) {
			b.root = "dry-run/";
			status = batch_dry_run(&b);
		} else {
			status = batch_run(&b, &(struct run_request){ .wait = s.wait, .from = s.from });
		}
		/* Where every user stands, unless the batch's input stopped it
		 * before anything ran. */
		if (status != UCMIG_EX_DATAERR && status != UCMIG_EX_USAGE && status != UCMIG_EX_NOINPUT) {
			int recorded = record_standing(&w, &b);
			status = status ? status : recorded;
		}
		break;
	case CMD_STATUS: status = batch_status(&b); break;
	case CMD_REPORT: status = batch_report(&b); break;
	default: break;
	}
out:
	wrapup_fail(&w, status);
	status = wrapup_finish(&w);
	batch_release(&b);
	free(summary);
	free(report);
	return status;
}
