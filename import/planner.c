/*
 * planner.c - see planner.h.
 */
#include "planner.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "base/exitcode.h"
#include "base/grow.h"
#include "base/msg.h"
#include "base/xalloc.h"

/* IM and Presence's import rate and capacity per OVA size (SPEC.md 3). */
static const struct {
	long ova, rate, capacity;
} ova_table[] = {
	{ 2000, 6, 130000 },
	{ 5000, 12, 90000 },
	{ 15000, 22, 130000 },
};
enum { DEFAULT_CAPACITY = 130000 };

long plan_rate(const struct import_settings *set)
{
	if (set->rate)
		return set->rate;
	for (size_t i = 0; i < sizeof(ova_table) / sizeof(ova_table[0]); i++)
		if (ova_table[i].ova == set->ova)
			return ova_table[i].rate;
	return 0;
}

static long node_capacity(const struct import_settings *set)
{
	long cap = DEFAULT_CAPACITY;

	for (size_t i = 0; i < sizeof(ova_table) / sizeof(ova_table[0]); i++)
		if (ova_table[i].ova == set->ova)
			cap = ova_table[i].capacity;
	return set->ha ? cap / 2 : cap;
}

/* A node's name made safe as part of a file name: letters, digits, '.'
 * and '-' kept, the rest '_', and never a leading '.' (no hidden file,
 * no "..": "../../evil" is "_._.._evil"). */
static void file_stem(const char *node, char *out, size_t size)
{
	size_t n = 0;

	for (; *node && n + 1 < size; node++, n++) {
		bool keep = isalnum((unsigned char)*node) || *node == '-' || (*node == '.' && n > 0);
		out[n] = keep ? *node : '_';
	}
	out[n] = '\0';
}

/* Two nodes whose names make one file name would write over each other's
 * files: 65 before anything is written, naming both. */
static int check_stems(const struct assignment *a)
{
	char s1[128], s2[128];

	for (size_t i = 0; i < a->nnodes; i++) {
		file_stem(a->node[i], s1, sizeof(s1));
		for (size_t j = i + 1; j < a->nnodes; j++) {
			file_stem(a->node[j], s2, sizeof(s2));
			if (strcasecmp(s1, s2) == 0)
				return fail(UCMIG_EX_DATAERR, "the assignment's nodes '%s' and '%s' would both get "
					    "the files %s-NN.csv; rename one of them", a->node[i], a->node[j], s1);
		}
	}
	return 0;
}

static size_t new_file(struct plan *p, size_t node, const char *node_name)
{
	struct plan_file *f;
	char stem[128];

	GROW(p->file, p->nfiles + 1, p->file_alloc);
	f = &p->file[p->nfiles];
	memset(f, 0, sizeof(*f));
	f->node = node;
	f->window = (unsigned)++p->node[node].nfiles;
	file_stem(node_name, stem, sizeof(stem));
	f->name = xmalloc(strlen(stem) + 16);
	sprintf(f->name, "%s-%02u.csv", stem, f->window);
	return p->nfiles++;
}

int plan_make(struct plan *p, const struct import_settings *set, struct intake *in,
	      const struct assignment *a)
{
	size_t *current;               /* per node: its open file, or SIZE_MAX */
	int status = 0;

	memset(p, 0, sizeof(*p));
	if ((status = check_stems(a)))
		return status;
	p->nnodes = a->nnodes;
	p->node = xcalloc(p->nnodes ? p->nnodes : 1, sizeof(*p->node));
	p->rate = plan_rate(set);
	if (set->mode == MODE_WEBEX)
		p->rows_per_file = WEBEX_MAX_ROWS_PER_FILE;
	else if (set->window_s)
		p->rows_per_file = (size_t)(p->rate * set->window_s);
	current = xcalloc(p->nnodes ? p->nnodes : 1, sizeof(*current));
	for (size_t n = 0; n < p->nnodes; n++)
		current[n] = SIZE_MAX;
	for (size_t i = 0; i < in->nowners; i++) {
		struct owner *o = &in->owner[i];
		struct plan_file *f;
		size_t node;

		if (!o->rows)
			continue;
		if (o->node < 0) {
			p->unassigned++;
			continue;
		}
		node = (size_t)o->node;
		f = current[node] == SIZE_MAX ? NULL : &p->file[current[node]];
		if (!f || (p->rows_per_file && f->rows && f->rows + o->rows > p->rows_per_file))
			current[node] = new_file(p, node, a->node[node]);
		f = &p->file[current[node]];
		if (p->rows_per_file && o->rows > p->rows_per_file)
			warn("%s: %zu rows, more than one file holds (%zu); it gets %s alone",
			     o->address, o->rows, p->rows_per_file, f->name);
		o->file = current[node];
		f->users++;
		f->rows += o->rows;
		f->contacts += o->contacts;
		p->node[node].users++;
		p->node[node].rows += o->rows;
		p->node[node].contacts += o->contacts;
	}
	free(current);
	if (set->mode == MODE_BAT) {
		long cap = node_capacity(set);
		for (size_t n = 0; n < p->nnodes; n++)
			if (p->node[n].contacts > (size_t)cap)
				status = fail(UCMIG_EX_DATAERR,
					      "node %s: %zu contacts in this batch, over its capacity of %ld%s; "
					      "split the user list; nothing written", a->node[n], p->node[n].contacts,
					      cap, set->ha ? " (halved for high availability)" : "");
	}
	return status;
}

void plan_paths(struct plan *p, const char *dir)
{
	for (size_t i = 0; i < p->nfiles; i++) {
		p->file[i].path = xmalloc(strlen(dir) + strlen(p->file[i].name) + 2);
		sprintf(p->file[i].path, "%s/%s", dir, p->file[i].name);
	}
	p->plan_path = xmalloc(strlen(dir) + sizeof("/plan.csv"));
	sprintf(p->plan_path, "%s/plan.csv", dir);
}

void plan_free(struct plan *p)
{
	for (size_t i = 0; i < p->nfiles; i++) {
		free(p->file[i].name);
		free(p->file[i].path);
	}
	free(p->plan_path);
	free(p->file);
	free(p->node);
}
