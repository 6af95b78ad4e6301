/*
 * finding.h - what a check found: which check, about what, the verdict
 * and the evidence an administrator can act on ("written forward:
 * .example.com; reversed it is .com.example").
 *
 * Checks that run at the same time (one thread per host) each fill a
 * list of their own, merged in a fixed order afterwards, so the output
 * does not depend on which host answered first.
 *
 * Ownership: a list owns its findings and their strings; check names
 * are static.
 */
#ifndef FEDCHECK_FINDING_H
#define FEDCHECK_FINDING_H

#include <stddef.h>

#include "base/compiler.h"

enum verdict { VERDICT_PASS, VERDICT_WARN, VERDICT_FAIL, VERDICT_COUNT };

struct finding {
	const char *check;           /* "route-reversed" */
	char *subject;               /* "routes.csv:3 .example.com" */
	enum verdict verdict;
	char *evidence;
};

struct findings {
	struct finding *item;
	size_t n, alloc;
};

void findings_init(struct findings *f);
void findings_free(struct findings *f);
void finding_add(struct findings *f, const char *check, enum verdict v, const char *subject,
		 const char *fmt, ...) UCMIG_PRINTF(5, 6);
/* Move every finding of from to the end of to; from is left empty. */
void findings_move(struct findings *to, struct findings *from);
const char *verdict_name(enum verdict v);

#endif
