/*
 * standing.c - see standing.h.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/xalloc.h"
#include "domain/userlist.h"
#include "gate.h"
#include "handon.h"
#include "results.h"
#include "standing.h"

static bool exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* Phase p over every user still going: its verdicts, who it passes on.
 * rb: the rename map backwards, for the phases after rename. */
static int walk_phase(struct standing *s, const struct batch *b, enum phase p, const struct renamed_back *rb)
{
	struct strbuf path = STRBUF_INIT, key = STRBUF_INIT;
	struct phase_results pr;
	struct userlist passed;      /* the phase's handed-on list */
	bool listed = false;
	int status;

	results_init(&pr);
	userlist_init(&passed);
	pr.renamed = p > PHASE_RENAME ? rb : NULL;
	phase_path(b, p, "report.csv", &path);
	if ((status = results_load(&pr, path.buf)))
		goto out;
	if (phase_hands_on(p)) {
		handon_path(b, p, &path);
		if ((listed = exists(path.buf)) &&
		    (status = userlist_load(&passed, path.buf, &(struct userlist_options){ 0 })))
			goto out;
	}
	phase_path(b, p, p == PHASE_GATE ? GATE_OPENED : "summary.json", &path);
	s->ran[p] = phase_hands_on(p) ? listed : exists(path.buf);
	for (size_t i = 0; i < s->n && phase_needed(b, p); i++) {
		struct user_standing *u = &s->user[i];
		struct phase_cell *c = &u->cell[p];
		const struct user_verdict *v;

		if (u->place != USER_THROUGH)
			continue;
		user_key(u->uri, &key);
		c->reached = true;
		s->entered[p]++;
		if ((v = results_find(&pr, key.buf))) {
			c->has_result = true;
			c->result = v->result;
			c->detail = xstrdup(v->detail);
			s->count[p][v->result]++;
		}
		if (!s->ran[p]) {
			u->place = USER_PENDING;
			u->at = p;
		} else if (phase_hands_on(p) && !userlist_find(&passed, u->uri)) {
			u->place = USER_STOPPED;
			u->at = p;
		} else {
			s->passed[p]++;
		}
	}
out:
	results_release(&pr);
	userlist_free(&passed);
	strbuf_release(&path);
	strbuf_release(&key);
	return status;
}

int standing_load(struct standing *s, const struct batch *b)
{
	struct userlist ul;
	struct renamed_back rb;
	struct strbuf map = STRBUF_INIT;
	int status;

	memset(s, 0, sizeof(*s));
	userlist_init(&ul);
	phase_path(b, PHASE_RENAME, "map.csv", &map);
	if ((status = renamed_back_load(&rb, b->rename ? map.buf : "")) ||
	    (status = userlist_load(&ul, BATCH_USERS, &(struct userlist_options){ 0 })))
		goto out;
	s->user = xcalloc(ul.count ? ul.count : 1, sizeof(*s->user));
	for (size_t i = 0; i < ul.count; i++)
		s->user[s->n++].uri = xstrdup(ul.entry[i].value);
	for (int p = 0; p < PHASE_COUNT && !status; p++)
		status = walk_phase(s, b, p, &rb);
out:
	renamed_back_release(&rb);
	strbuf_release(&map);
	userlist_free(&ul);
	return status;
}

enum result standing_reason(const struct user_standing *u, const char **detail)
{
	const struct phase_cell *c = &u->cell[u->at];

	*detail = c->has_result ? c->detail : "no line for the user in the phase's report";
	return c->has_result ? c->result : RESULT_NOT_ATTEMPTED;
}

void standing_release(struct standing *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->user[i].uri);
		for (int p = 0; p < PHASE_COUNT; p++)
			free(s->user[i].cell[p].detail);
	}
	free(s->user);
	memset(s, 0, sizeof(*s));
}
