/*
 * results.c - see results.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/exitcode.h"
#include "base/grow.h"
#include "base/msg.h"
#include "base/report.h"
#include "base/xalloc.h"
#include "domain/rename_map.h"
#include "domain/sipuri.h"
#include "results.h"

void user_key(const char *address, struct strbuf *out)
{
	strbuf_reset(out);
	strbuf_addlower(out, sipuri_address(address));
}

void results_init(struct phase_results *pr)
{
	*pr = (struct phase_results){ 0 };
	strset_init(&pr->users);
}

static int add_line(const struct report_record *rec, void *data)
{
	struct phase_results *pr = data;
	struct strbuf key = STRBUF_INIT;
	struct strset_entry *e;
	struct user_verdict *v;
	enum result r;
	bool added;

	if (!result_from_token(rec->result, &r))
		return fail(UCMIG_EX_DATAERR, "%s:%lu: '%s' is not a result of any ucmig report", rec->file,
			    rec->line, rec->result);
	user_key(rec->key, &key);
	if (pr->renamed && (e = strset_find(&pr->renamed->new_to_old, key.buf))) {
		strbuf_reset(&key);
		strbuf_addstr(&key, pr->renamed->old[e->value]);
	}
	e = strset_add(&pr->users, key.buf, &added);
	strbuf_release(&key);
	if (added) {
		GROW(pr->verdict, pr->n + 1, pr->alloc);
		e->value = pr->n;
		pr->verdict[pr->n++] = (struct user_verdict){ .effect = OUTCOME_OK };
	}
	v = &pr->verdict[e->value];
	v->lines++;
	if (v->effect != OUTCOME_OK)
		return 0;          /* where the user stopped is said already */
	v->result = r;
	v->effect = result_table[r].effect;
	free(v->detail);
	v->detail = xstrdup(rec->detail);
	return 0;
}

int results_load(struct phase_results *pr, const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		if (errno == ENOENT)
			return 0;
		return fail(UCMIG_EX_NOINPUT, "%s: cannot read:", path);
	}
	pr->present = true;
	return report_read(path, add_line, pr);
}

const struct user_verdict *results_find(const struct phase_results *pr, const char *key)
{
	struct strset_entry *e = strset_find(&pr->users, key);

	return e ? &pr->verdict[e->value] : NULL;
}

void results_release(struct phase_results *pr)
{
	for (size_t i = 0; i < pr->n; i++)
		free(pr->verdict[i].detail);
	free(pr->verdict);
	strset_free(&pr->users);
	*pr = (struct phase_results){ 0 };
}

int renamed_back_load(struct renamed_back *rb, const char *map)
{
	struct rename_map m;
	struct strbuf key = STRBUF_INIT, address = STRBUF_INIT;
	struct stat st;
	int status;

	*rb = (struct renamed_back){ 0 };
	strset_init(&rb->new_to_old);
	if (stat(map, &st) != 0)
		return 0;
	rename_map_init(&m);
	if (!(status = rename_map_load(&m, map)))
		for (size_t i = 0; i < m.n; i++) {
			struct strset_entry *e;
			bool added;

			strbuf_reset(&address);
			strbuf_addf(&address, "%s@%s", m.entry[i].new_id, m.entry[i].new_domain);
			user_key(address.buf, &key);
			e = strset_add(&rb->new_to_old, key.buf, &added);
			if (!added)
				continue;
			GROW(rb->old, rb->n + 1, rb->alloc);
			user_key(m.entry[i].old_address, &key);
			e->value = rb->n;
			rb->old[rb->n++] = xstrdup(key.buf);
		}
	rename_map_free(&m);
	strbuf_release(&key);
	strbuf_release(&address);
	return status;
}

void renamed_back_release(struct renamed_back *rb)
{
	for (size_t i = 0; i < rb->n; i++)
		free(rb->old[i]);
	free(rb->old);
	strset_free(&rb->new_to_old);
	*rb = (struct renamed_back){ 0 };
}
