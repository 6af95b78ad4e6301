/*
 * facts.h - what a batch report says, gathered once from the batch
 * directory, for the HTML page (page_html.c) and the JSON (page_json.c)
 * alike, so the two cannot say different things.
 *
 * Ownership: struct batch_facts owns everything (facts_release).
 */
#ifndef UCMIG_BATCH_FACTS_H
#define UCMIG_BATCH_FACTS_H

#include <time.h>

#include "base/strbuf.h"
#include "batch.h"
#include "standing.h"
#include "state.h"

struct tool_run {
	char *file;                 /* its summary.json, relative to DIR */
	char *tool, *version;
	struct strbuf command;      /* argv as the summary has it (redacted), shell-quoted */
	int exit;
	time_t started, ended;
};

struct batch_facts {
	const struct batch *b;
	struct batch_state state;
	struct standing standing;
	struct tool_run *run;       /* in phase order */
	size_t nruns, runs_alloc;
	struct strbuf plan;         /* 00-plan/plan.txt, or empty */
	struct strbuf rejects;      /* "20-disable/rejects.txt: 2 lines\n" a file */
	time_t generated;
	char who[128];              /* user@host */
	unsigned long through, stopped, pending;
};

int facts_load(struct batch_facts *f, const struct batch *b);
void facts_release(struct batch_facts *f);
/* "done", "stopped" (some users), "in progress" or "failed": the verdict. */
const char *facts_verdict(const struct batch_facts *f);

int page_html(const struct batch_facts *f, FILE *out);
int page_json(const struct batch_facts *f, FILE *out);

#endif
