/*
 * writer.c - see writer.h.
 */
#include "writer.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/csvout.h"
#include "base/exitcode.h"
#include "base/infile.h"
#include "base/msg.h"
#include "base/outfile.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "outcome.h"

static const char plan_name[] = "plan.csv";
static const char *const plan_header[] = {
	"Node", "File", "Users", "Rows", "Contacts", "Expected Duration", "Window",
};
enum { PLAN_COLUMNS = sizeof(plan_header) / sizeof(plan_header[0]) };

struct pass {
	const struct import_settings *set;
	struct intake *in;
	const struct plan *p;
	struct wrapup *w;
	struct outfile *file;        /* per plan file */
	struct strbuf detail;
};

static void format_duration(const struct plan *p, size_t rows, char *out, size_t size)
{
	long s;

	if (!p->rate) {
		snprintf(out, size, "-");
		return;
	}
	s = (long)((rows + (size_t)p->rate - 1) / (size_t)p->rate);
	if (s >= 3600)
		snprintf(out, size, "%ldh%02ldm", s / 3600, (s % 3600 + 59) / 60);
	else if (s >= 60)
		snprintf(out, size, "%ldm%02lds", s / 60, s % 60);
	else
		snprintf(out, size, "%lds", s);
}


static int write_row(const struct bat_csv_row *r, void *data)
{
	struct pass *ps = data;
	enum row_verdict v;
	size_t owner;
	static const enum outcome dropped[ROW_NVERDICTS] = {
		[ROW_SELF] = OUT_SELF_CONTACT, [ROW_DUPLICATE] = OUT_DUPLICATE,
		[ROW_OVER_LIMIT] = OUT_OVER_LIMIT,
	};
	const struct owner *o;

	if (r->problem != BAT_OK && r->problem != BAT_SELF_CONTACT)
		return fail(UCMIG_EX_SOFTWARE, "%s:%lu: a bad row the first pass let through", r->file, r->line);
	v = intake_classify(ps->in, r, &owner);
	if (v == ROW_OVER_LIMIT && ps->set->keep_over_limit)
		v = ROW_KEEP;
	o = &ps->in->owner[owner];
	if (v != ROW_KEEP) {
		intake_row_detail(&ps->detail, r);
		wrapup_record(ps->w, dropped[v], o->address, "import", ps->detail.buf);
		if (v == ROW_OVER_LIMIT && ps->w->rejects.fp)
			bat_row_write(ps->w->rejects.fp, &r->row, ps->in->with_state);
		return 0;
	}
	if (o->node < 0) {
		if (ps->w->rejects.fp)
			bat_row_write(ps->w->rejects.fp, &r->row, ps->in->with_state);
		return 0;
	}
	bat_row_write(ps->file[o->file].fp, &r->row, ps->in->with_state);
	return 0;
}

/* DIR made if missing (0700); never a plan or file written over. */
static int prepare_dir(const char *dir, const struct plan *p, struct strbuf *path)
{
	struct stat st;

	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return fail(UCMIG_EX_CANTCREAT, "%s: cannot create the directory:", dir);
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
		return fail(UCMIG_EX_CANTCREAT, "%s: not a directory", dir);
	for (size_t i = 0; i <= p->nfiles; i++) {
		strbuf_reset(path);
		strbuf_addf(path, "%s/%s", dir, i < p->nfiles ? p->file[i].name : plan_name);
		if (access(path->buf, F_OK) == 0)
			return fail(UCMIG_EX_CANTCREAT, "%s: exists already; give a new or empty directory "
				    "(a plan is never written over)", path->buf);
	}
	return 0;
}

static int open_files(struct pass *ps, const char *dir)
{
	struct strbuf path = STRBUF_INIT;
	int status;

	if ((status = prepare_dir(dir, ps->p, &path)))
		goto out;
	for (size_t i = 0; i < ps->p->nfiles && !status; i++) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", dir, ps->p->file[i].name);
		ps->file[i].path = xstrdup(path.buf);
		if (!(status = outfile_open(&ps->file[i], ps->file[i].path)) &&
		    (ps->set->header || ps->set->mode == MODE_WEBEX))
			bat_header_write(ps->file[i].fp, ps->in->with_state);
	}
out:
	strbuf_release(&path);
	return status;
}

static void write_plan(FILE *fp, const struct plan *p, const struct assignment *a)
{
	csv_write_record(fp, plan_header, PLAN_COLUMNS);
	for (size_t i = 0; i < p->nfiles; i++) {
		const struct plan_file *f = &p->file[i];
		char users[32], rows[32], contacts[32], duration[32], window[16];
		const char *fields[PLAN_COLUMNS] = { a->node[f->node], f->name, users, rows, contacts,
						     duration, window };

		snprintf(users, sizeof(users), "%zu", f->users);
		snprintf(rows, sizeof(rows), "%zu", f->rows);
		snprintf(contacts, sizeof(contacts), "%zu", f->contacts);
		format_duration(p, f->rows, duration, sizeof(duration));
		snprintf(window, sizeof(window), "%u", f->window);
		csv_write_record(fp, fields, PLAN_COLUMNS);
	}
}

void writer_print_plan(FILE *out, const struct plan *p, const struct assignment *a)
{
	int wnode = 4, wfile = 4;
	size_t users = 0, rows = 0;

	for (size_t i = 0; i < p->nfiles; i++) {
		int n = (int)strlen(a->node[p->file[i].node]), f = (int)strlen(p->file[i].name);
		wnode = n > wnode ? n : wnode;
		wfile = f > wfile ? f : wfile;
	}
	fprintf(out, "%-*s  %-*s  %7s  %8s  %8s  %8s  %6s\n", wnode, "NODE", wfile, "FILE", "USERS",
		"ROWS", "CONTACTS", "DURATION", "WINDOW");
	for (size_t i = 0; i < p->nfiles; i++) {
		const struct plan_file *f = &p->file[i];
		char duration[32];

		format_duration(p, f->rows, duration, sizeof(duration));
		fprintf(out, "%-*s  %-*s  %7zu  %8zu  %8zu  %8s  %6u\n", wnode, a->node[f->node], wfile,
			f->name, f->users, f->rows, f->contacts, duration, f->window);
		users += f->users;
		rows += f->rows;
	}
	fprintf(out, "%-*s  %-*s  %7zu  %8zu\n", wnode, "total", wfile, "", users, rows);
}

static void record_users(struct pass *ps, const struct assignment *a)
{
	for (size_t i = 0; i < ps->in->nowners; i++) {
		const struct owner *o = &ps->in->owner[i];

		if (!o->rows)
			continue;
		strbuf_reset(&ps->detail);
		if (o->node < 0) {
			strbuf_addf(&ps->detail, "UserID %s has no node in the assignment; %zu rows not planned",
				    o->user_id, o->rows);
			wrapup_record(ps->w, OUT_UNASSIGNED, o->address, "import", ps->detail.buf);
			continue;
		}
		strbuf_addf(&ps->detail, "%zu contacts, %zu rows in %s (node %s)", o->contacts, o->rows,
			    ps->p->file[o->file].name, a->node[ps->p->file[o->file].node]);
		wrapup_record(ps->w, OUT_PLANNED, o->address, "import", ps->detail.buf);
	}
}

int writer_run(const struct import_settings *set, struct intake *in, const struct plan *p,
	       const struct assignment *a, const char *path, int fd, struct wrapup *w)
{
	struct pass ps = { .set = set, .in = in, .p = p, .w = w };
	struct outfile plan = { 0 };
	struct strbuf plan_path = STRBUF_INIT;
	struct textin text;
	int status, copy;

	strbuf_init(&ps.detail);
	ps.file = xcalloc(p->nfiles + 1, sizeof(*ps.file));
	if ((status = open_files(&ps, set->dir)))
		goto out;
	strbuf_addf(&plan_path, "%s/%s", set->dir, plan_name);
	if ((status = outfile_open(&plan, plan_path.buf)))
		goto out;
	if (set->excel_safe)
		csvout_excel_safe_stream(plan.fp);
	if (lseek(fd, 0, SEEK_SET) < 0 || (copy = dup(fd)) < 0) {
		status = fail(UCMIG_EX_IOERR, "%s: cannot read again:", infile_display_name(path));
		goto out;
	}
	intake_restart(in);
	textin_from_fd(&text, copy, infile_display_name(path));
	status = bat_csv_read(&text, NULL, write_row, &ps);
	textin_close(&text);
	if (status)
		goto out;
	record_users(&ps, a);
	write_plan(plan.fp, p, a);
	/* The record first: BAT files and a plan are not put in place when
	 * the report or the rejects that go with them cannot be written. */
	if ((status = wrapup_flush(w)))
		goto out;
	for (size_t i = 0; i < p->nfiles && !status; i++)
		status = outfile_commit(&ps.file[i]);
	if (!status)
		status = outfile_commit(&plan);
out:
	for (size_t i = 0; i < p->nfiles; i++) {
		outfile_abort(&ps.file[i]);
		free((char *)ps.file[i].path);
	}
	outfile_abort(&plan);
	free(ps.file);
	strbuf_release(&plan_path);
	strbuf_release(&ps.detail);
	return status;
}
