/*
 * page_json.c - the batch report as JSON (report.json): the facts of the
 * HTML page, for scripts.
 *
 *   { "ucmig-batch-report": 1, "batch": DIR, "verdict": ..., "generated": ...,
 *     "phases": [ { "phase", "status", "started", "ended", "exit", "note",
 *                   "users-in", "went-on", "results": { token: users } } ],
 *     "users": [ { "user", "standing": "through|stopped|pending", "phase",
 *                  "result", "detail", "phases": { phase: token } } ],
 *     "commands": [ { "summary", "tool", "version", "exit", "command" } ] }
 */
#include <stdio.h>

#include "base/json.h"
#include "facts.h"

static void str(struct strbuf *j, const char *s)
{
	json_add_string(j, s ? s : "");
}

static void phases(const struct batch_facts *f, struct strbuf *j)
{
	const struct standing *s = &f->standing;

	strbuf_addstr(j, ",\n  \"phases\": [");
	for (int p = 0; p < PHASE_COUNT; p++) {
		const struct phase_state *ps = &f->state.phase[p];
		const char *sep = "";

		strbuf_addf(j, "%s\n    { \"phase\": \"%s\", \"needed\": %s, \"status\": \"%s\", \"started\": %lld, "
			       "\"ended\": %lld, \"exit\": %lld, \"note\": ", p ? "," : "", phase_name(p),
			    phase_needed(f->b, p) ? "true" : "false", phase_status_word(ps->status),
			    (long long)ps->started, (long long)ps->ended, ps->exit);
		str(j, ps->note);
		strbuf_addf(j, ", \"users-in\": %lu, \"went-on\": %lu, \"results\": {", s->entered[p], s->passed[p]);
		for (int r = 0; r < RESULT_COUNT; r++)
			if (s->count[p][r]) {
				strbuf_addf(j, "%s\"%s\": %lu", sep, result_token(r), s->count[p][r]);
				sep = ", ";
			}
		strbuf_addstr(j, "} }");
	}
	strbuf_addstr(j, "\n  ]");
}

static void users(const struct batch_facts *f, struct strbuf *j)
{
	static const char *const place[] = { "through", "stopped", "pending" };
	const struct standing *s = &f->standing;

	strbuf_addstr(j, ",\n  \"users\": [");
	for (size_t i = 0; i < s->n; i++) {
		const struct user_standing *u = &s->user[i];
		const char *detail = "", *sep = "";
		enum result r = RESULT_NOT_ATTEMPTED;

		strbuf_addf(j, "%s\n    { \"user\": ", i ? "," : "");
		str(j, u->uri);
		strbuf_addf(j, ", \"standing\": \"%s\"", place[u->place]);
		if (u->place != USER_THROUGH) {
			strbuf_addf(j, ", \"phase\": \"%s\"", phase_name(u->at));
			if (u->place == USER_STOPPED) {
				r = standing_reason(u, &detail);
				strbuf_addf(j, ", \"result\": \"%s\", \"detail\": ", result_token(r));
				str(j, detail);
			}
		}
		strbuf_addstr(j, ", \"phases\": {");
		for (int p = 0; p < PHASE_COUNT; p++)
			if (u->cell[p].has_result) {
				strbuf_addf(j, "%s\"%s\": \"%s\"", sep, phase_name(p), result_token(u->cell[p].result));
				sep = ", ";
			}
		strbuf_addstr(j, "} }");
	}
	strbuf_addstr(j, "\n  ]");
}

static void commands(const struct batch_facts *f, struct strbuf *j)
{
	strbuf_addstr(j, ",\n  \"commands\": [");
	for (size_t i = 0; i < f->nruns; i++) {
		const struct tool_run *r = &f->run[i];

		strbuf_addf(j, "%s\n    { \"summary\": ", i ? "," : "");
		str(j, r->file);
		strbuf_addstr(j, ", \"tool\": ");
		str(j, r->tool);
		strbuf_addstr(j, ", \"version\": ");
		str(j, r->version);
		strbuf_addf(j, ", \"exit\": %d, \"command\": ", r->exit);
		str(j, r->command.buf);
		strbuf_addstr(j, " }");
	}
	strbuf_addstr(j, "\n  ]");
}

int page_json(const struct batch_facts *f, FILE *out)
{
	struct strbuf j = STRBUF_INIT;

	strbuf_addstr(&j, "{\n  \"ucmig-batch-report\": 1,\n  \"batch\": ");
	str(&j, f->b->dir);
	strbuf_addstr(&j, ",\n  \"verdict\": ");
	str(&j, facts_verdict(f));
	strbuf_addf(&j, ",\n  \"generated\": %lld,\n  \"by\": ", (long long)f->generated);
	str(&j, f->who);
	strbuf_addf(&j, ",\n  \"users-total\": %zu, \"through\": %lu, \"stopped\": %lu, \"pending\": %lu",
		    f->standing.n, f->through, f->stopped, f->pending);
	phases(f, &j);
	users(f, &j);
	commands(f, &j);
	strbuf_addstr(&j, "\n}\n");
	fputs(j.buf, out);
	strbuf_release(&j);
	return 0;
}
