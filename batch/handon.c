/*
 * handon.c - see handon.h.
 */
#include <stdio.h>
#include <string.h>

#include "base/outfile.h"
#include "base/textin.h"
#include "domain/batcsv.h"
#include "domain/userlist.h"
#include "handon.h"
#include "results.h"

bool phase_hands_on(enum phase p)
{
	return p != PHASE_GATE && p != PHASE_RENAME;
}

void handon_path(const struct batch *b, enum phase p, struct strbuf *out)
{
	while ((int)p >= 0 && (!phase_hands_on(p) || !phase_needed(b, p)))
		p--;
	if ((int)p < 0) {
		strbuf_reset(out);
		strbuf_addstr(out, BATCH_USERS);
		return;
	}
	phase_path(b, p, p == PHASE_EXPORT ? EXPORTED_USERS : HANDED_ON, out);
}

void phase_input(const struct batch *b, enum phase p, struct strbuf *out)
{
	handon_path(b, p - 1, out);
}

int handon_write(const struct batch *b, enum phase p, unsigned long *kept, unsigned long *stopped)
{
	struct strbuf input = STRBUF_INIT, report = STRBUF_INIT, path = STRBUF_INIT, key = STRBUF_INIT;
	struct userlist users;
	struct phase_results pr;
	struct renamed_back rb;
	struct outfile out = { 0 };
	int status;

	*kept = *stopped = 0;
	userlist_init(&users);
	results_init(&pr);
	phase_path(b, PHASE_RENAME, "map.csv", &path);
	if ((status = renamed_back_load(&rb, b->rename && p > PHASE_RENAME ? path.buf : "")))
		goto out;
	pr.renamed = &rb;
	phase_input(b, p, &input);
	phase_path(b, p, "report.csv", &report);
	phase_path(b, p, HANDED_ON, &path);
	if ((status = userlist_load(&users, input.buf, &(struct userlist_options){ 0 })) ||
	    (status = results_load(&pr, report.buf)) || (status = outfile_open(&out, path.buf)))
		goto out;
	for (size_t i = 0; i < users.count; i++) {
		const struct user_verdict *v;

		user_key(users.entry[i].value, &key);
		v = results_find(&pr, key.buf);
		if (v && v->effect == OUTCOME_OK) {
			fprintf(out.fp, "%s\n", users.entry[i].value);
			++*kept;
		} else {
			++*stopped;
		}
	}
	status = outfile_commit(&out);
out:
	if (status)
		outfile_abort(&out);
	renamed_back_release(&rb);
	results_release(&pr);
	userlist_free(&users);
	strbuf_release(&input);
	strbuf_release(&report);
	strbuf_release(&path);
	strbuf_release(&key);
	return status;
}

int handon_empty(const struct batch *b, enum phase p)
{
	struct strbuf path = STRBUF_INIT;
	struct outfile out = { 0 };
	int status;

	phase_path(b, p, HANDED_ON, &path);
	if (!(status = outfile_open(&out, path.buf)))
		status = outfile_commit(&out);
	strbuf_release(&path);
	return status;
}

int handon_count(const struct batch *b, enum phase p, unsigned long *kept, unsigned long *stopped)
{
	struct strbuf input = STRBUF_INIT, output = STRBUF_INIT;
	struct userlist in, out;
	int status;

	userlist_init(&in);
	userlist_init(&out);
	phase_input(b, p, &input);
	handon_path(b, p, &output);
	if (!(status = userlist_load(&in, input.buf, &(struct userlist_options){ 0 })) &&
	    !(status = userlist_load(&out, output.buf, &(struct userlist_options){ 0 }))) {
		*kept = out.count;
		*stopped = in.count > out.count ? in.count - out.count : 0;
	}
	userlist_free(&in);
	userlist_free(&out);
	strbuf_release(&input);
	strbuf_release(&output);
	return status;
}

struct owner_filter {
	struct userlist *users;
	struct strbuf key;
	FILE *out;
	unsigned long rows;
};

static int copy_row(const struct bat_csv_row *r, void *data)
{
	struct owner_filter *f = data;

	strbuf_reset(&f->key);
	strbuf_addf(&f->key, "sip:%s@%s", r->row.field[0], r->row.field[1]);
	if (!userlist_find(f->users, f->key.buf))
		return 0;
	bat_row_write(f->out, &r->row, r->nfields == 7);
	f->rows++;
	return 0;
}

int contacts_of_users(const char *contacts, const char *users, const char *out_path, unsigned long *rows)
{
	struct userlist list;
	struct owner_filter f = { .users = &list, .key = STRBUF_INIT };
	struct outfile out = { 0 };
	struct textin in;
	int status;

	userlist_init(&list);
	if ((status = userlist_load(&list, users, &(struct userlist_options){ 0 })))
		goto out;
	if ((status = textin_open(&in, contacts)))
		goto out;
	if (!(status = outfile_open(&out, out_path))) {
		f.out = out.fp;
		status = bat_csv_read(&in, NULL, copy_row, &f);
		status = status ? status : outfile_commit(&out);
		if (status)
			outfile_abort(&out);
	}
	textin_close(&in);
out:
	*rows = f.rows;
	userlist_free(&list);
	strbuf_release(&f.key);
	return status;
}
