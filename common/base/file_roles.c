/*
 * file_roles.c - see file_roles.h.
 */
#include "base/file_roles.h"

#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/exitcode.h"
#include "base/grow.h"
#include "base/infile.h"
#include "base/msg.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

void file_roles_init(struct file_roles *fr)
{
	memset(fr, 0, sizeof(*fr));
}

void file_roles_release(struct file_roles *fr)
{
	free(fr->role);
	file_roles_init(fr);
}

static void add(struct file_roles *fr, const char *path, const char *what, bool output)
{
	if (!path)
		return;
	GROW(fr->role, fr->n + 1, fr->alloc);
	fr->role[fr->n++] = (struct file_role){ path, what, output };
}

void file_roles_input(struct file_roles *fr, const char *path, const char *what)
{
	add(fr, path, what, false);
}

void file_roles_output(struct file_roles *fr, const char *path, const char *what)
{
	add(fr, path, what, true);
}

/* What a path is. kind: 0 a file (dev/ino known), 1 a file to be made
 * (where), 2 stdin/stdout, 3 a device or FIFO (never clashes). */
struct identity {
	int kind;
	dev_t dev;
	ino_t ino;
	struct strbuf where;
};

static void identify(const char *path, struct identity *id)
{
	struct stat st;

	strbuf_init(&id->where);
	if (infile_is_stdin(path)) {
		id->kind = 2;
	} else if (stat(path, &st) == 0) {
		id->kind = S_ISREG(st.st_mode) || S_ISDIR(st.st_mode) ? 0 : 3;
		id->dev = st.st_dev;
		id->ino = st.st_ino;
	} else {
		char *copy = xstrdup(path), *dir_copy = xstrdup(path);
		char *real = realpath(dirname(dir_copy), NULL);

		id->kind = 1;
		strbuf_addf(&id->where, "%s/%s", real ? real : dirname(copy), basename(copy));
		free(real);
		free(copy);
		free(dir_copy);
	}
}

static bool same(const struct identity *a, const struct identity *b)
{
	if (a->kind != b->kind || a->kind == 3)
		return false;
	if (a->kind == 2)
		return true;
	if (a->kind == 0)
		return a->dev == b->dev && a->ino == b->ino;
	return strcmp(a->where.buf, b->where.buf) == 0;
}

int file_roles_check(const struct file_roles *fr)
{
	struct identity *id = xcalloc(fr->n, sizeof(*id));
	int status = 0;

	for (size_t i = 0; i < fr->n; i++)
		identify(fr->role[i].path, &id[i]);
	for (size_t i = 0; i < fr->n && !status; i++)
		for (size_t k = 0; k < i && !status; k++) {
			const struct file_role *a = &fr->role[k], *b = &fr->role[i];
			if (!(a->output || b->output) || !same(&id[k], &id[i]))
				continue;
			if (id[i].kind == 2 && a->output != b->output)
				continue;    /* "-" read is stdin, "-" written is stdout */
			/* Two inputs may be one file (stdin twice is the tool's business). */
			status = fail(UCMIG_EX_USAGE, "%s '%s' is the same file as %s '%s': an output must not %s",
				      b->what, b->path, a->what, a->path,
				      a->output && b->output ? "be written twice" : "overwrite an input");
		}
	for (size_t i = 0; i < fr->n; i++)
		strbuf_release(&id[i].where);
	free(id);
	return status;
}
