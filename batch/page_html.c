/*
 * page_html.c - the batch report as one self-contained HTML page (see
 * report_page.h): inline CSS, inline SVG, no script, nothing loaded
 * from anywhere; printable on A4.
 */
#include <stdio.h>
#include <string.h>

#include "facts.h"

static const char style[] =
	"@page{size:A4;margin:12mm}"
	"body{font:10pt/1.4 sans-serif;color:#222;max-width:190mm;margin:0 auto;padding:8px}"
	"h1{font-size:16pt;margin:0 0 4px}h2{font-size:12pt;margin:18px 0 6px;border-bottom:1px solid #bbb}"
	"table{border-collapse:collapse;width:100%;font-size:8.5pt}"
	"th,td{border:1px solid #ccc;padding:2px 4px;text-align:left;vertical-align:top}"
	"th{background:#eee}td.num{text-align:right}"
	".ok{color:#176d2b}.failure{color:#a31515;font-weight:bold}.later{color:#8a5a00}"
	".verdict{font-size:12pt;padding:6px 8px;border-radius:4px;display:inline-block}"
	".v-done{background:#dff3e3}.v-stopped{background:#fff3d6}.v-failed{background:#fbe0e0}"
	"pre{white-space:pre-wrap;word-break:break-all;font-size:8pt;background:#f6f6f6;padding:6px}"
	"svg text{font:9px sans-serif;fill:#222}tr{page-break-inside:avoid}";

static void esc(FILE *out, const char *s)
{
	for (; s && *s; s++)
		switch (*s) {
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '&': fputs("&amp;", out); break;
		case '"': fputs("&quot;", out); break;
		default: putc(*s, out);
		}
}

static void utc(time_t t, char *buf, size_t n)
{
	struct tm tm;

	if (!t) {
		snprintf(buf, n, "-");
		return;
	}
	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M:%S UTC", &tm);
}

static const char *effect_class(enum result r)
{
	static const char *const cls[] = { "ok", "ok", "failure", "later" };
	return cls[result_table[r].effect];
}

static void heading(const struct batch_facts *f, FILE *out)
{
	const char *v = facts_verdict(f);
	char when[40];

	fputs("<h1>Migration batch ", out);
	esc(out, f->b->dir);
	fprintf(out, "</h1>\n<p class=\"verdict %s\">Verdict: %s. %lu of %zu users through every phase",
		strcmp(v, "done") == 0 ? "v-done" : strcmp(v, "failed") == 0 ? "v-failed" : "v-stopped", v, f->through,
		f->standing.n);
	if (f->stopped)
		fprintf(out, ", %lu stopped", f->stopped);
	if (f->pending)
		fprintf(out, ", %lu not there yet", f->pending);
	utc(f->generated, when, sizeof(when));
	fprintf(out, ".</p>\n<p>Report made by ");
	esc(out, f->who);
	fprintf(out, " on %s with ucmig-batch %s, from the batch directory's state, summaries and reports.</p>\n", when,
		UCMIG_VERSION);
}

static void timeline(const struct batch_facts *f, FILE *out)
{
	time_t t0 = 0, t1 = 0;
	char a[40], b[40];
	int y = 0;

	for (int p = 0; p < PHASE_COUNT; p++) {
		const struct phase_state *ps = &f->state.phase[p];
		if (ps->started && (!t0 || ps->started < t0))
			t0 = ps->started;
		if (ps->ended > t1)
			t1 = ps->ended;
	}
	double span = t1 > t0 ? (double)(t1 - t0) : 1;
	fputs("<h2>Timeline</h2>\n<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"700\" "
	      "height=\"176\" viewBox=\"0 0 700 176\" role=\"img\" aria-label=\"phases over time\">\n", out);
	for (int p = 0; p < PHASE_COUNT; p++, y += 22) {
		const struct phase_state *ps = &f->state.phase[p];
		double x = ps->started ? 110 + 560 * (ps->started - t0) / span : 110;
		double w = ps->ended > ps->started ? 560 * (ps->ended - ps->started) / span : ps->started ? 2 : 0;

		fprintf(out, "<text x=\"0\" y=\"%d\">%s</text>", y + 14, phase_dir(p));
		if (ps->started)
			fprintf(out, "<rect class=\"span\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"14\" fill=\"%s\"/>"
				     "<text x=\"%.1f\" y=\"%d\">%lld s</text>",
				x, y + 3, w < 2 ? 2 : w, ps->status == ST_FAILED ? "#c33" : "#4a7bb7", x + (w < 2 ? 2 : w) + 3,
				y + 14, (long long)(ps->ended > ps->started ? ps->ended - ps->started : 0));
		putc('\n', out);
	}
	fputs("</svg>\n<table><tr><th>phase</th><th>status</th><th>started</th><th>ended</th><th>seconds</th>"
	      "<th>note</th></tr>\n", out);
	for (int p = 0; p < PHASE_COUNT; p++) {
		const struct phase_state *ps = &f->state.phase[p];

		utc(ps->started, a, sizeof(a));
		utc(ps->ended, b, sizeof(b));
		fprintf(out, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td class=\"num\">%lld</td><td>",
			phase_dir(p), phase_status_word(ps->status), a, b,
			(long long)(ps->ended > ps->started ? ps->ended - ps->started : 0));
		esc(out, ps->note);
		fputs("</td></tr>\n", out);
	}
	fputs("</table>\n", out);
}

static void funnel(const struct batch_facts *f, FILE *out)
{
	const struct standing *s = &f->standing;
	int bars = 0, y = 0;

	for (int p = 0; p < PHASE_COUNT; p++)
		bars += phase_needed(f->b, p);
	fprintf(out, "<h2>Users through the phases</h2>\n<svg class=\"funnel\" xmlns=\"http://www.w3.org/2000/svg\" "
		     "width=\"700\" height=\"%d\" viewBox=\"0 0 700 %d\" role=\"img\" aria-label=\"users handed on by "
		     "each phase\">\n", 22 * bars + 24, 22 * bars + 24);
	fprintf(out, "<text x=\"0\" y=\"14\">users.txt</text><rect class=\"start\" x=\"110\" y=\"3\" width=\"500\" "
		     "height=\"14\" fill=\"#999\"/><text x=\"615\" y=\"14\">%zu</text>\n", s->n);
	for (int p = 0; p < PHASE_COUNT; p++) {
		if (!phase_needed(f->b, p))
			continue;
		y += 22;
		double w = s->n ? 500.0 * s->passed[p] / s->n : 0;
		fprintf(out, "<text x=\"0\" y=\"%d\">%s</text><rect class=\"bar\" x=\"110\" y=\"%d\" width=\"%.1f\" "
			     "height=\"14\" fill=\"%s\"/><text x=\"%.1f\" y=\"%d\">%lu%s</text>\n",
			y + 14, phase_name(p), y + 3, w, s->ran[p] ? "#2e8b57" : "#ccc", 115 + w, y + 14, s->passed[p],
			s->ran[p] ? "" : " (not run yet)");
	}
	fputs("</svg>\n", out);
}

static void counts(const struct batch_facts *f, FILE *out)
{
	const struct standing *s = &f->standing;

	fputs("<h2>Results per phase</h2>\n<table><tr><th>phase</th><th>users in</th><th>went on</th>"
	      "<th>results (users)</th></tr>\n", out);
	for (int p = 0; p < PHASE_COUNT; p++) {
		const char *sep = "";

		if (!phase_needed(f->b, p))
			continue;
		fprintf(out, "<tr><td>%s</td><td class=\"num\">%lu</td><td class=\"num\">%lu</td><td>", phase_dir(p),
			s->entered[p], s->passed[p]);
		for (int r = 0; r < RESULT_COUNT; r++)
			if (s->count[p][r]) {
				fprintf(out, "%s<span class=\"%s\">%s</span> %lu", sep, effect_class(r), result_token(r),
					s->count[p][r]);
				sep = ", ";
			}
		fputs("</td></tr>\n", out);
	}
	fputs("</table>\n", out);
}

static void users(const struct batch_facts *f, FILE *out)
{
	const struct standing *s = &f->standing;

	fputs("<h2>Users</h2>\n<table class=\"users\"><tr><th>user</th>", out);
	for (int p = 0; p < PHASE_COUNT; p++)
		if (phase_needed(f->b, p))
			fprintf(out, "<th>%s</th>", phase_name(p));
	fputs("<th>where it stands</th></tr>\n", out);
	for (size_t i = 0; i < s->n; i++) {
		const struct user_standing *u = &s->user[i];
		const char *detail;

		fputs("<tr><td>", out);
		esc(out, u->uri);
		fputs("</td>", out);
		for (int p = 0; p < PHASE_COUNT; p++) {
			const struct phase_cell *c = &u->cell[p];
			if (!phase_needed(f->b, p))
				continue;
			if (c->has_result)
				fprintf(out, "<td class=\"%s\">%s</td>", effect_class(c->result), result_token(c->result));
			else
				fprintf(out, "<td>%s</td>", c->reached && f->standing.ran[p] ? "passed" : "");
		}
		fputs("<td>", out);
		if (u->place == USER_THROUGH) {
			fputs("through every phase", out);
		} else if (u->place == USER_PENDING) {
			fprintf(out, "waiting at %s", phase_name(u->at));
		} else {
			enum result r = standing_reason(u, &detail);
			/* A stop for a failure in red; one by design (an empty
			 * list is not exported) in amber. */
			fprintf(out, "<span class=\"%s\">stopped at %s: %s</span> ",
				result_table[r].effect == OUTCOME_FAILED ? "failure" : "later", phase_name(u->at),
				result_token(r));
			esc(out, detail);
		}
		fputs("</td></tr>\n", out);
	}
	fputs("</table>\n", out);
}

static void texts(const struct batch_facts *f, FILE *out)
{
	fputs("<h2>Rejects</h2>\n<pre>", out);
	esc(out, f->rejects.len ? f->rejects.buf : "none\n");
	fputs("</pre>\n<h2>The plan's findings</h2>\n<pre>", out);
	esc(out, f->plan.len ? f->plan.buf : "no plan was made (ucmig-batch plan)\n");
	fputs("</pre>\n<h2>Commands run</h2>\n<pre>", out);
	for (size_t i = 0; i < f->nruns; i++) {
		fputs("$ ", out);
		esc(out, f->run[i].command.buf);
		fprintf(out, "\n  (exit %d; ", f->run[i].exit);
		esc(out, f->run[i].file);
		fputs(")\n", out);
	}
	if (!f->nruns)
		fputs("none yet\n", out);
	fputs("</pre>\n<h2>Versions</h2>\n<table><tr><th>tool</th><th>version</th></tr>\n", out);
	fprintf(out, "<tr><td>ucmig-batch</td><td>%s</td></tr>\n", UCMIG_VERSION);
	for (size_t i = 0; i < f->nruns; i++) {
		bool seen = false;
		for (size_t j = 0; j < i; j++)
			seen = seen || (strcmp(f->run[j].tool, f->run[i].tool) == 0 &&
					strcmp(f->run[j].version, f->run[i].version) == 0);
		if (seen)
			continue;
		fputs("<tr><td>", out);
		esc(out, f->run[i].tool);
		fputs("</td><td>", out);
		esc(out, f->run[i].version);
		fputs("</td></tr>\n", out);
	}
	fputs("</table>\n", out);
}

int page_html(const struct batch_facts *f, FILE *out)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Migration batch ", out);
	esc(out, f->b->dir);
	fprintf(out, "</title>\n<style>%s</style></head>\n<body>\n", style);
	heading(f, out);
	timeline(f, out);
	funnel(f, out);
	counts(f, out);
	users(f, out);
	texts(f, out);
	fputs("</body></html>\n", out);
	return 0;
}
