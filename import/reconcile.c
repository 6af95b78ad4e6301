/*
 * reconcile.c - see reconcile.h.
 */
#include "reconcile.h"

#include <ctype.h>
#include <string.h>

#include "base/exitcode.h"
#include "base/extsort.h"
#include "base/infile.h"
#include "base/interrupt.h"
#include "base/msg.h"
#include "base/outfile.h"
#include "base/strbuf.h"
#include "base/textin.h"
#include "domain/batcsv.h"
#include "left_out.h"
#include "reconcile_tally.h"

/* Bad rows named before the run stops (the rest are counted). */
enum { BAD_ROWS_SHOWN = 20 };

/* A row on disk, in the order the merge wants: the keys (owner, contact,
 * group, state: what is compared), then the row's own seven fields, all
 * tab-separated (a BAT field holds no control character). */
enum { K_OWNER, K_CONTACT, K_GROUP, K_STATE, NKEYS, LINE_FIELDS = NKEYS + BAT_NFIELDS };

/* One input: read, checked, sorted; then its current line. */
struct side {
	const char *what;            /* "the target" */
	struct extsort sort;
	bool started, with_state;
	unsigned long rows, bad, self;
	/* the merge's cursor */
	struct strbuf line;
	const char *field[LINE_FIELDS];
	size_t key_len, owner_len;   /* bytes of the keys, of the owner key */
	bool more;
};

struct run {
	const struct import_settings *set;
	struct side target, source;
	struct left_out left_out;
	struct strbuf key;
	struct outfile missing_out;
	struct wrapup *w;
	struct reconcile_tally tally;
};

/* ---- 2. reading ----------------------------------------------------- */

static void add_lower(struct strbuf *sb, const char *s)
{
	for (; *s; s++)
		strbuf_addch(sb, (char)tolower((unsigned char)*s));
}

/* The row's line for the sort (reconcile.h's layout). */
static void row_line(const struct run *rn, const struct bat_csv_row *r, struct strbuf *out)
{
	const char *const *f = r->row.field;

	strbuf_reset(out);
	add_lower(out, f[BAT_USER_ID]);
	strbuf_addch(out, '@');
	add_lower(out, f[BAT_USER_DOMAIN]);
	strbuf_addch(out, '\t');
	add_lower(out, f[BAT_CONTACT_ID]);
	strbuf_addch(out, '@');
	add_lower(out, f[BAT_CONTACT_DOMAIN]);
	strbuf_addf(out, "\t%s\t%s", f[BAT_GROUP],
		    rn->set->compare_state && f[BAT_STATE] ? f[BAT_STATE] : "");
	for (int i = 0; i < BAT_NFIELDS; i++)
		strbuf_addf(out, "\t%s", f[i] ? f[i] : "");
}

struct feeding {
	struct run *rn;
	struct side *side;
};

static int feed_row(const struct bat_csv_row *r, void *data)
{
	struct feeding *fd = data;
	struct side *sd = fd->side;

	if (interrupt_requested())
		return interrupt_status();
	sd->rows++;
	if (r->problem != BAT_OK && r->problem != BAT_SELF_CONTACT) {
		if (++sd->bad <= BAD_ROWS_SHOWN)
			fail(UCMIG_EX_DATAERR, "%s:%lu: %s", r->file, r->line, r->detail);
		return 0;
	}
	if (sd->bad)
		return 0;                 /* only looking for more bad rows now */
	if (r->problem == BAT_SELF_CONTACT) {
		sd->self++;               /* IM and Presence keeps none */
		return 0;
	}
	sd->with_state |= r->nfields == 7;
	row_line(fd->rn, r, &fd->rn->key);
	return extsort_add(&sd->sort, fd->rn->key.buf, fd->rn->key.len);
}

/* Every row of path checked and handed to sort(1). */
static int read_side(struct run *rn, struct side *sd, const char *path)
{
	struct feeding fd = { rn, sd };
	struct textin in;
	int status;

	if ((status = extsort_start(&sd->sort, sd->what)))
		return status;
	sd->started = true;
	if ((status = textin_open(&in, path)))
		return status;
	status = bat_csv_read(&in, NULL, feed_row, &fd);
	textin_close(&in);
	if (!status && sd->bad)
		status = fail(UCMIG_EX_DATAERR, "%s: %lu bad row%s in %s; nothing compared, nothing written",
			      infile_display_name(path), sd->bad, sd->bad == 1 ? "" : "s", sd->what);
	return status ? status : extsort_sorted(&sd->sort);
}

/* ---- 4. the merge ----------------------------------------------------- */

/* The side's next line, split; false at the end. */
static int advance(struct side *sd)
{
	const char *line;
	size_t len;
	int got = extsort_getline(&sd->sort, &line, &len);

	sd->more = got == 1;
	if (got != 1)
		return got;             /* 0 at the end, or an exit status */
	strbuf_reset(&sd->line);
	strbuf_add(&sd->line, line, len);
	char *p = sd->line.buf;
	for (int i = 0; i < LINE_FIELDS; i++) {
		sd->field[i] = p;
		p = strchr(p, '\t');
		if (!p && i < LINE_FIELDS - 1)
			return fail(UCMIG_EX_SOFTWARE, "sorting %s: a line came back cut", sd->what);
		if (p)
			*p++ = '\0';
		if (i == K_OWNER)
			sd->owner_len = strlen(sd->field[i]);
		if (i == NKEYS - 1)
			sd->key_len = (size_t)(p - sd->line.buf);
	}
	return 0;
}

/* Byte order of two keys as sort(1) put them: each key ends where a tab
 * was, and a tab sorts before any byte a field may hold. */
static int compare_keys(const struct side *a, const struct side *b, int nkeys)
{
	for (int i = 0; i < nkeys; i++) {
		int c = strcmp(a->field[i], b->field[i]);
		if (c)
			return c;
	}
	return 0;
}

/* The side's next line whose keys differ from the current one: the same
 * row again counts once. */
static int next_row(struct run *rn, struct side *sd)
{
	struct strbuf was = STRBUF_INIT;
	int status;

	strbuf_add(&was, sd->line.buf, sd->key_len);   /* the keys, NULs for tabs */
	while (!(status = advance(sd)) && sd->more && sd->key_len == was.len &&
	       !memcmp(sd->line.buf, was.buf, was.len))
		if (sd == &rn->source)
			rn->tally.duplicates++;
	strbuf_release(&was);
	return status;
}

static void write_missing(struct run *rn, const struct side *sd)
{
	struct bat_row row;

	for (int i = 0; i < BAT_NFIELDS; i++)
		row.field[i] = sd->field[NKEYS + i];
	bat_row_write(rn->missing_out.fp, &row, rn->source.with_state);
}

/* A source row the server lacks: missing, or left out by the import. */
static void not_there(struct run *rn, struct owner_tally *oc)
{
	const struct side *sd = &rn->source;
	int why = left_out_row(&rn->left_out, sd->field[K_OWNER], sd->field[K_CONTACT], sd->field[K_GROUP]);

	if (why) {
		oc->left_out++;
		oc->left_out_why = why;
		return;
	}
	oc->missing++;
	if (rn->missing_out.fp)
		write_missing(rn, sd);
}

static bool same_owner(const struct side *sd, const char *owner)
{
	return sd->more && !strcmp(sd->field[K_OWNER], owner);
}

/* The rows of one owner of the source, against the target's. */
static int merge_owner(struct run *rn)
{
	struct side *s = &rn->source, *t = &rn->target;
	struct owner_tally oc = { 0 };
	struct strbuf owner = STRBUF_INIT, address = STRBUF_INIT;
	int status = 0;

	strbuf_addstr(&owner, s->field[K_OWNER]);
	strbuf_addf(&address, "%s@%s", s->field[NKEYS + BAT_USER_ID], s->field[NKEYS + BAT_USER_DOMAIN]);
	while (!status && (same_owner(s, owner.buf) || same_owner(t, owner.buf))) {
		int c = !same_owner(t, owner.buf) ? -1 : !same_owner(s, owner.buf) ? 1 : compare_keys(s, t, NKEYS);
		if (c <= 0) {
			oc.expected++;
			if (c == 0)
				oc.present++;
			else
				not_there(rn, &oc);
			status = next_row(rn, s);
		} else {
			oc.extra++;
		}
		if (!status && c >= 0)
			status = next_row(rn, t);
	}
	if (!status)
		reconcile_tally_owner(&rn->tally, rn->w, address.buf, &oc);
	strbuf_release(&owner);
	strbuf_release(&address);
	return status;
}

/* Owners of the target before the source's next: not ours, left alone. */
static int skip_target_owner(struct run *rn)
{
	struct strbuf owner = STRBUF_INIT;
	int status = 0;

	strbuf_addstr(&owner, rn->target.field[K_OWNER]);
	rn->tally.owners_only_on_server++;
	while (!status && same_owner(&rn->target, owner.buf))
		status = next_row(rn, &rn->target);
	strbuf_release(&owner);
	return status;
}

static int merge(struct run *rn)
{
	int status = advance(&rn->source);

	if (!status)
		status = advance(&rn->target);
	while (!status && (rn->source.more || rn->target.more)) {
		if (interrupt_requested())
			return interrupt_status();
		if (!rn->source.more ||
		    (rn->target.more && strcmp(rn->target.field[K_OWNER], rn->source.field[K_OWNER]) < 0))
			status = skip_target_owner(rn);
		else
			status = merge_owner(rn);
		if (!status && progress_due(&rn->w->progress))
			progress_show(&rn->w->progress, "%zu owners compared", rn->tally.owners);
	}
	return status;
}

/* ---- the run ------------------------------------------------------------ */

int reconcile_files(const struct import_settings *s, const char *target, const char *source,
		    const struct common_opts *common, struct wrapup *w)
{
	struct run rn = { .set = s, .w = w };
	int status = 0;

	rn.target.what = "the target";
	rn.source.what = "the source";
	strbuf_init(&rn.key);
	strbuf_init(&rn.target.line);
	strbuf_init(&rn.source.line);
	left_out_init(&rn.left_out);
	/* 1, 2: everything read and checked before anything is written. */
	if ((s->import_report && (status = left_out_load(&rn.left_out, s->import_report))) ||
	    (status = read_side(&rn, &rn.target, target)) ||
	    (status = read_side(&rn, &rn.source, source)))
		goto out;
	/* 3 */
	if ((status = wrapup_open(w, common, NULL)) ||
	    (s->missing && (status = outfile_open(&rn.missing_out, s->missing))))
		goto out;
	/* 4, 5 */
	status = merge(&rn);
	if (!status && rn.missing_out.fp)
		status = outfile_commit(&rn.missing_out);
	rn.tally.self = rn.source.self;
	if (!status)
		reconcile_tally_summary(&rn.tally, s, w);
out:
	if (rn.missing_out.fp)
		outfile_abort(&rn.missing_out);
	if (rn.target.started)
		status = ucmig_exit_worst(status, extsort_finish(&rn.target.sort));
	if (rn.source.started)
		status = ucmig_exit_worst(status, extsort_finish(&rn.source.sort));
	strbuf_release(&rn.key);
	strbuf_release(&rn.target.line);
	strbuf_release(&rn.source.line);
	left_out_release(&rn.left_out);
	return status;
}
