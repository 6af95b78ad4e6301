/*
 * reconcile.c - see reconcile.h.
 */
#include "reconcile.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
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
#include "reconcile_tally.h"

/* Bad rows named before the run stops (the rest are counted). */
enum { BAD_ROWS_SHOWN = 20 };

/* A row on disk, in the order the merge wants: the keys (owner, contact,
 * group, state: what is compared), then, for the source's rows (which may
 * go to --missing), what the keys lost of the row: the four address
 * fields as written (empty where the key has them already, in lowercase:
 * most rows, and what is sorted is what costs), the nickname and the
 * State. All tab-separated: a BAT field holds no control character. */
enum { K_OWNER, K_CONTACT, K_GROUP, K_STATE, NKEYS };
enum { P_USER_ID = NKEYS, P_USER_DOMAIN, P_CONTACT_ID, P_CONTACT_DOMAIN, P_NICKNAME, P_STATE, LINE_FIELDS };

/* One input: read, checked, sorted; then its current line. */
struct side {
	const char *what;            /* "the target" */
	int nfields;                 /* NKEYS, or LINE_FIELDS with the row */
	struct extsort sort;
	bool started, with_state;
	unsigned long rows, bad, self;
	/* reading (phase 2: each side in its own thread) */
	const char *path;
	struct strbuf key;
	int status;
	/* the merge's cursor */
	struct strbuf line, was;     /* the current line; the keys before it */
	const char *field[LINE_FIELDS];
	size_t key_len;              /* bytes of the keys, with their ends */
	bool more;
};

struct run {
	const struct import_settings *set;
	struct side target, source;
	const struct reconcile_context *context;
	struct outfile missing_out;
	struct wrapup *w;
	struct reconcile_tally tally;
};

static void side_init(struct side *sd, const char *what, const char *path, int nfields)
{
	memset(sd, 0, sizeof(*sd));
	sd->what = what;
	sd->path = path;
	sd->nfields = nfields;
	strbuf_init(&sd->key);
	strbuf_init(&sd->line);
	strbuf_init(&sd->was);
}

/* The side's sort(1) waited for (ended if still running); its status. */
static int side_release(struct side *sd)
{
	int status = sd->started ? extsort_finish(&sd->sort) : 0;

	strbuf_release(&sd->key);
	strbuf_release(&sd->line);
	strbuf_release(&sd->was);
	return status;
}

/* ---- 2. reading ----------------------------------------------------- */

/* The row's line for the sort (the layout above). */
static void row_line(const struct run *rn, const struct side *sd, const struct bat_csv_row *r,
		     struct strbuf *out)
{
	static const int address[] = { BAT_USER_ID, BAT_USER_DOMAIN, BAT_CONTACT_ID, BAT_CONTACT_DOMAIN };
	static const char after[] = { '@', '\t', '@', '\t' };
	const char *const *f = r->row.field;
	size_t at[4];

	strbuf_reset(out);
	for (int i = 0; i < 4; i++) {
		at[i] = out->len;
		strbuf_addlower(out, f[address[i]]);
		strbuf_addch(out, after[i]);
	}
	strbuf_addstr(out, f[BAT_GROUP]);
	strbuf_addch(out, '\t');
	if (rn->set->compare_state && f[BAT_STATE])
		strbuf_addstr(out, f[BAT_STATE]);
	if (sd->nfields == NKEYS)
		return;
	for (int i = 0; i < 4; i++) {
		size_t len = strlen(f[address[i]]);
		strbuf_addch(out, '\t');
		if (memcmp(out->buf + at[i], f[address[i]], len) != 0)
			strbuf_addstr(out, f[address[i]]);
	}
	strbuf_addch(out, '\t');
	strbuf_addstr(out, f[BAT_NICKNAME]);
	strbuf_addch(out, '\t');
	if (f[BAT_STATE])
		strbuf_addstr(out, f[BAT_STATE]);
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
	row_line(fd->rn, sd, r, &sd->key);
	return extsort_add(&sd->sort, sd->key.buf, sd->key.len);
}

/* Every row of the side's file checked and handed to its sort(1). */
static int read_side(struct run *rn, struct side *sd)
{
	struct feeding fd = { rn, sd };
	struct textin in;
	int status;

	if ((status = textin_open(&in, sd->path)))
		return status;
	status = bat_csv_read(&in, NULL, feed_row, &fd);
	textin_close(&in);
	if (!status && sd->bad)
		status = fail(UCMIG_EX_DATAERR, "%s: %lu bad row%s in %s; nothing compared, nothing written",
			      infile_display_name(sd->path), sd->bad, sd->bad == 1 ? "" : "s", sd->what);
	return status ? status : extsort_sorted(&sd->sort);
}

static void *read_target(void *run)
{
	struct run *rn = run;

	rn->target.status = read_side(rn, &rn->target);
	return NULL;
}

/* Both sides at once: the target in a thread of its own, the source
 * here, each into its own sort(1) (started first: no fork while a
 * thread runs). Parsing and checking the rows is most of this tool's
 * work, and the two files share nothing until the merge. */
static int read_both(struct run *rn)
{
	pthread_t thread;
	bool thread_started = false;
	int status;

	if ((status = extsort_start(&rn->target.sort, rn->target.what)))
		return status;
	rn->target.started = true;
	if ((status = extsort_start(&rn->source.sort, rn->source.what)))
		return status;
	rn->source.started = true;
	if (pthread_create(&thread, NULL, read_target, rn) != 0)
		read_target(rn);            /* no thread: one after the other */
	else
		thread_started = true;
	status = read_side(rn, &rn->source);
	if (thread_started)
		pthread_join(thread, NULL);
	return ucmig_exit_worst(rn->target.status, status);
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
	for (int i = 0; i < sd->nfields; i++) {
		sd->field[i] = p;
		p = strchr(p, '\t');
		if (!p && i < sd->nfields - 1)
			return fail(UCMIG_EX_SOFTWARE, "sorting %s: a line came back cut", sd->what);
		if (p)
			*p++ = '\0';
		if (i == NKEYS - 1)
			sd->key_len = p ? (size_t)(p - sd->line.buf) : len + 1;
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
	int status;

	strbuf_reset(&sd->was);
	strbuf_add(&sd->was, sd->line.buf, sd->key_len);   /* the keys, NULs for tabs */
	while (!(status = advance(sd)) && sd->more && sd->key_len == sd->was.len &&
	       !memcmp(sd->line.buf, sd->was.buf, sd->was.len))
		if (sd == &rn->source)
			rn->tally.duplicates++;
	return status;
}

/* The row as the source had it, from its keys and what they lost. */
static void write_missing(struct run *rn, const struct side *sd)
{
	struct strbuf user = STRBUF_INIT, contact = STRBUF_INIT;
	char *owner_at, *contact_at;
	struct bat_row row;

	strbuf_addstr(&user, sd->field[K_OWNER]);
	strbuf_addstr(&contact, sd->field[K_CONTACT]);
	owner_at = strrchr(user.buf, '@');
	contact_at = strrchr(contact.buf, '@');
	*owner_at++ = '\0';
	*contact_at++ = '\0';
	row.field[BAT_USER_ID] = *sd->field[P_USER_ID] ? sd->field[P_USER_ID] : user.buf;
	row.field[BAT_USER_DOMAIN] = *sd->field[P_USER_DOMAIN] ? sd->field[P_USER_DOMAIN] : owner_at;
	row.field[BAT_CONTACT_ID] = *sd->field[P_CONTACT_ID] ? sd->field[P_CONTACT_ID] : contact.buf;
	row.field[BAT_CONTACT_DOMAIN] = *sd->field[P_CONTACT_DOMAIN] ? sd->field[P_CONTACT_DOMAIN] : contact_at;
	row.field[BAT_NICKNAME] = sd->field[P_NICKNAME];
	row.field[BAT_GROUP] = sd->field[K_GROUP];
	row.field[BAT_STATE] = sd->field[P_STATE];
	bat_row_write(rn->missing_out.fp, &row, rn->source.with_state);
	strbuf_release(&user);
	strbuf_release(&contact);
}

/* A source row the server lacks: missing, or left out by the import. */
static void not_there(struct run *rn, struct owner_tally *oc)
{
	const struct side *sd = &rn->source;
	int why = left_out_row(&rn->context->left_out, sd->field[K_OWNER], sd->field[K_CONTACT],
			       sd->field[K_GROUP]);

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
	/* The owner as the source writes it (the first row's case). */
	if (*s->field[P_USER_ID] || *s->field[P_USER_DOMAIN]) {
		const char *at = strrchr(owner.buf, '@');
		strbuf_add(&address, *s->field[P_USER_ID] ? s->field[P_USER_ID] : owner.buf,
			   *s->field[P_USER_ID] ? strlen(s->field[P_USER_ID]) : (size_t)(at - owner.buf));
		strbuf_addf(&address, "@%s", *s->field[P_USER_DOMAIN] ? s->field[P_USER_DOMAIN] : at + 1);
	} else {
		strbuf_addstr(&address, owner.buf);
	}
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
		    const struct reconcile_context *context, const struct common_opts *common,
		    struct wrapup *w)
{
	struct run rn = { .set = s, .w = w, .context = context, .tally.context = context };
	int status = 0;

	side_init(&rn.target, "the target", target, NKEYS);
	side_init(&rn.source, "the source", source, LINE_FIELDS);
	/* 1 (the reports: the caller's), 2: everything read and checked
	 * before anything is written. */
	if ((status = read_both(&rn)))
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
		reconcile_tally_rest(&rn.tally, w);
	if (!status)
		reconcile_tally_summary(&rn.tally, s, w);
out:
	if (status && interrupt_requested())
		reconcile_tally_stopped(&rn.tally, s, w);
	if (rn.missing_out.fp)
		outfile_abort(&rn.missing_out);
	status = ucmig_exit_worst(status, side_release(&rn.target));
	status = ucmig_exit_worst(status, side_release(&rn.source));
	reconcile_tally_release(&rn.tally);
	return status;
}
