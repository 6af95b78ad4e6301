/*
 * sql_source.c - see sql_source.h.
 */
#include "sql_source.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/grow.h"
#include "base/exitcode.h"
#include "mssql/rtc_schema.h"
#include "base/msg.h"
#include "domain/sipuri.h"
#include "base/xalloc.h"

/* SQL Server takes at most 2,100 parameters in one call. */
/* Users per round of queries: --batch, in parts SQL Server accepts. */
enum { MAX_BATCH = DB_MAX_LIST };

struct user_ref {
	long long id;
	char *address;               /* UserAtHost */
};

extern const struct embedded_text builtin_profiles[];

/* What export needs of a profile. */
static const char *const needed_queries[] = { "users", "all-users", "groups", "contacts", NULL };

int sql_source_open(struct sql_source *src, const struct db_settings *set,
		    const char *profile_path, size_t batch)
{
	int status;

	memset(src, 0, sizeof(*src));
	src->batch = batch > MAX_BATCH ? MAX_BATCH : batch;
	if ((status = db_session_open(&src->db, set)) ||
	    (status = rtc_detect_version(&src->db, &src->version)))
		return status;
	note("%s: schema of %s", src->db.label, rtc_version_name(src->version));
	status = profile_path ? sql_profile_load(&src->profile, profile_path)
			      : sql_profile_builtin(&src->profile, builtin_profiles, src->version);
	if (!status)
		status = sql_profile_require(&src->profile, needed_queries, NULL);
	return status ? status : sql_profile_check(&src->profile, &src->db);
}

void sql_source_close(struct sql_source *src)
{
	db_session_close(&src->db);
	sql_profile_free(&src->profile);
}

/* ---- one batch ------------------------------------------------------ */

struct group_row {
	long long owner, number;
	char *name, *external;
};

struct batch {
	struct user_ref *user;       /* sorted by id */
	size_t nusers, alloc;
	struct group_row *group;
	size_t ngroups, galloc;
	/* streaming contacts */
	struct contact_list list;
	size_t next_user;            /* users before it have been handed on */
	long long cur_owner;
	bool have_contact;
	struct strbuf buddy, nickname, groups;
	struct strbuf scratch;
	int (*fn)(const struct contact_list *cl, void *data);
	void *data;
};

static int by_id(const void *a, const void *b)
{
	const struct user_ref *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

static int by_owner(const void *a, const void *b)
{
	const struct group_row *x = a, *y = b;
	if (x->owner != y->owner)
		return (x->owner > y->owner) - (x->owner < y->owner);
	return (x->number > y->number) - (x->number < y->number);
}

static void add_user(struct batch *b, long long id, const char *address)
{
	GROW(b->user, b->nusers + 1, b->alloc);
	b->user[b->nusers++] = (struct user_ref){ id, xstrdup(address) };
}

static int on_user_row(const struct db_row *row, void *data)
{
	if (row->ncols < 2 || row->null[0] || row->null[1] || !row->is_number[0])
		return fail(UCMIG_EX_CONFIG, "profile query users: expected ResourceId, UserAtHost");
	add_user(data, row->number[0], row->text[1]);
	return 0;
}

static int on_group_row(const struct db_row *row, void *data)
{
	struct batch *b = data;

	if (row->ncols < 4 || !row->is_number[0] || !row->is_number[1])
		return fail(UCMIG_EX_CONFIG,
			    "profile query groups: expected OwnerId, GroupNumber, DisplayName, ExternalUri");
	GROW(b->group, b->ngroups + 1, b->galloc);
	b->group[b->ngroups++] = (struct group_row){
		row->number[0], row->number[1],
		xstrdup(row->null[2] ? "" : row->text[2]), xstrdup(row->null[3] ? "" : row->text[3]),
	};
	return 0;
}

/* Start user u's list with their groups. */
static void begin_list(struct batch *b, const struct user_ref *u)
{
	contact_list_reset(&b->list, u->address, 0);
	for (size_t g = 0; g < b->ngroups; g++)
		if (b->group[g].owner == u->id)
			contact_list_add_group(&b->list, (long)b->group[g].number, b->group[g].name,
					       group_is_distribution_list(b->group[g].external, &b->scratch));
}

static void end_contact(struct batch *b)
{
	if (b->have_contact)
		contact_list_add_contact(&b->list, b->buddy.buf, b->nickname.buf, b->groups.buf);
	b->have_contact = false;
}

/* Hand on, as empty lists, the batch's users whose ids are below `below`:
 * contacts come ordered by owner, so those users have none (which counts,
 * on Lync 2013+, as a possible unified contact store user). */
static int emit_empty_before(struct batch *b, long long below)
{
	int status = 0;

	while (!status && b->next_user < b->nusers && b->user[b->next_user].id < below) {
		begin_list(b, &b->user[b->next_user++]);
		status = b->fn(&b->list, b->data);
	}
	return status;
}

static int finish_owner(struct batch *b)
{
	end_contact(b);
	return b->fn(&b->list, b->data);
}

static int on_contact_row(const struct db_row *row, void *data)
{
	struct batch *b = data;
	long long owner;
	int status = 0;

	if (row->ncols < 4 || !row->is_number[0] || row->null[1])
		return fail(UCMIG_EX_CONFIG,
			    "profile query contacts: expected OwnerId, UserAtHost, DisplayName, GroupNumber");
	owner = row->number[0];
	if (owner != b->cur_owner) {
		if (b->cur_owner >= 0 && (status = finish_owner(b)))
			return status;
		if ((status = emit_empty_before(b, owner)))
			return status;
		if (b->next_user == b->nusers || b->user[b->next_user].id != owner)
			return fail(UCMIG_EX_CONFIG,
				    "profile query contacts: OwnerId %lld out of order or not in the batch", owner);
		begin_list(b, &b->user[b->next_user++]);
		b->cur_owner = owner;
	}
	if (b->have_contact && strcasecmp(b->buddy.buf, row->text[1]) != 0)
		end_contact(b);
	if (!b->have_contact) {
		strbuf_reset(&b->buddy);
		strbuf_addstr(&b->buddy, row->text[1]);
		strbuf_reset(&b->nickname);
		strbuf_addstr(&b->nickname, row->null[2] ? "" : row->text[2]);
		strbuf_reset(&b->groups);
		b->have_contact = true;
	}
	if (!row->null[3])
		strbuf_addf(&b->groups, "%s%s", b->groups.len ? " " : "", row->text[3]);
	return 0;
}

static void batch_reset(struct batch *b)
{
	for (size_t i = 0; i < b->nusers; i++)
		free(b->user[i].address);
	for (size_t g = 0; g < b->ngroups; g++) {
		free(b->group[g].name);
		free(b->group[g].external);
	}
	b->nusers = b->ngroups = 0;
	b->next_user = 0;
	b->cur_owner = -1;
	b->have_contact = false;
}

static void batch_release(struct batch *b)
{
	batch_reset(b);
	free(b->user);
	free(b->group);
	contact_list_release(&b->list);
	strbuf_release(&b->buddy);
	strbuf_release(&b->nickname);
	strbuf_release(&b->groups);
	strbuf_release(&b->scratch);
}

/* Groups and contacts of the users now in b (already resolved). */
static int export_batch(struct sql_source *src, struct batch *b)
{
	struct db_params ps;
	struct db_param *ids;
	struct strbuf sql = STRBUF_INIT;
	int status = 0;

	db_params_make(&ps, 'i', b->nusers);
	ids = ps.p;
	if (!b->nusers)
		goto out;
	qsort(b->user, b->nusers, sizeof(*b->user), by_id);
	for (size_t i = 0; i < b->nusers; i++) {
		ids[i].type = DB_PARAM_INT;
		ids[i].number = b->user[i].id;
	}
	sql_profile_expand(sql_profile_query(&src->profile, "groups"), b->nusers, &sql);
	if ((status = db_query(&src->db, sql.buf, ids, b->nusers, on_group_row, b, NULL)))
		goto out;
	qsort(b->group, b->ngroups, sizeof(*b->group), by_owner);
	sql_profile_expand(sql_profile_query(&src->profile, "contacts"), b->nusers, &sql);
	if ((status = db_query(&src->db, sql.buf, ids, b->nusers, on_contact_row, b, NULL)))
		goto out;
	if (b->cur_owner >= 0 && (status = finish_owner(b)))
		goto out;
	status = emit_empty_before(b, LLONG_MAX);
out:
	strbuf_release(&sql);
	db_params_free(&ps);
	return status;
}

/* Resolve ul's URIs [from, to) to ResourceIds into b. */
static int resolve(struct sql_source *src, const struct userlist *ul, size_t from, size_t to,
		   struct batch *b)
{
	size_t n = to - from;
	struct strbuf sql = STRBUF_INIT;
	struct db_params ps;
	int status;

	db_params_make(&ps, 'u', n);
	for (size_t i = 0; i < n; i++) {
		const char *uri = ul->entry[from + i].value;
		ps.p[i].type = DB_PARAM_TEXT;
		ps.p[i].text = sipuri_address(uri);      /* UserAtHost has no "sip:" */
	}
	sql_profile_expand(sql_profile_query(&src->profile, "users"), n, &sql);
	status = db_query(&src->db, sql.buf, ps.p, n, on_user_row, b, NULL);
	strbuf_release(&sql);
	db_params_free(&ps);
	return status;
}

struct all_users {
	struct user_ref *user;
	size_t n, alloc;
};

static int on_all_user_row(const struct db_row *row, void *data)
{
	struct all_users *all = data;

	if (row->ncols < 2 || !row->is_number[0] || row->null[1])
		return fail(UCMIG_EX_CONFIG, "profile query all-users: expected ResourceId, UserAtHost");
	GROW(all->user, all->n + 1, all->alloc);
	all->user[all->n++] = (struct user_ref){ row->number[0], xstrdup(row->text[1]) };
	return 0;
}

int sql_source_export(struct sql_source *src, const struct userlist *ul,
		      int (*fn)(const struct contact_list *cl, void *data), void *data,
		      struct progress *progress)
{
	struct batch b = { .cur_owner = -1, .fn = fn, .data = data };
	struct all_users all = { 0 };
	size_t total, done = 0;
	int status = 0;

	contact_list_init(&b.list);
	strbuf_init(&b.buddy);
	strbuf_init(&b.nickname);
	strbuf_init(&b.groups);
	strbuf_init(&b.scratch);
	if (!ul && (status = db_query(&src->db, sql_profile_query(&src->profile, "all-users"), NULL, 0,
				      on_all_user_row, &all, NULL)))
		goto out;
	total = ul ? ul->count : all.n;
	for (size_t from = 0; from < total && !status; from += src->batch) {
		size_t to = from + src->batch < total ? from + src->batch : total;

		batch_reset(&b);
		if (ul) {
			status = resolve(src, ul, from, to, &b);
		} else {
			for (size_t i = from; i < to; i++)
				add_user(&b, all.user[i].id, all.user[i].address);
		}
		if (!status)
			status = export_batch(src, &b);
		done = to;
		if (progress && progress_due(progress))
			progress_show(progress, "%zu of %zu users", done, total);
	}
out:
	for (size_t i = 0; i < all.n; i++)
		free(all.user[i].address);
	free(all.user);
	batch_release(&b);
	return status;
}
