/*
 * sql_source.c - see sql_source.h.
 */
#include "sql_source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/exitcode.h"
#include "base/msg.h"
#include "domain/sipuri.h"
#include "mssql/rtc_schema.h"

extern const struct embedded_text builtin_profiles[];

/* What export needs of a profile. */
static const char *const needed_queries[] = { "all-users", "export", NULL };

/* The batch's addresses. A plain batch, so that it outlives each
 * sp_executesql; COLLATE DATABASE_DEFAULT because a #table takes
 * tempdb's collation, and comparing it with Resource.UserAtHost in
 * another collation is an error (468) on SQL Server. */
static const char create_users_table[] =
	"CREATE TABLE #ucmig_users (UserAtHost NVARCHAR(454) COLLATE DATABASE_DEFAULT NOT NULL)";
static const char empty_users_table[] = "DELETE FROM #ucmig_users";

int sql_source_open(struct sql_source *src, const struct db_settings *set,
		    const char *profile_path, size_t batch)
{
	int status;

	memset(src, 0, sizeof(*src));
	src->batch = batch;
	if ((status = db_session_open(&src->db, set)) ||
	    (status = rtc_detect_version(&src->db, &src->version)))
		return status;
	note("%s: schema of %s", src->db.label, rtc_version_name(src->version));
	status = profile_path ? sql_profile_load(&src->profile, profile_path)
			      : sql_profile_builtin(&src->profile, builtin_profiles, src->version);
	if (!status)
		status = sql_profile_require(&src->profile, needed_queries, NULL);
	if (!status)
		status = sql_profile_check(&src->profile, &src->db);
	return status;
}

void sql_source_close(struct sql_source *src)
{
	db_session_close(&src->db);
	sql_profile_free(&src->profile);
}

/* ---- the export query's rows, gathered into lists ------------------- */

/* The export query's columns: OwnerId, Kind, Seq, Number, Text1, Text2;
 * what they hold depends on Kind. Rows come ordered by OwnerId, Kind,
 * Seq, Number. */
enum { COL_OWNER, COL_KIND, COL_SEQ, COL_NUMBER, COL_TEXT1, COL_TEXT2, EXPORT_COLUMNS };
enum row_kind {
	KIND_USER,                    /* Text1 the owner's UserAtHost */
	KIND_GROUP,                   /* Number, Text1 DisplayName, Text2 ExternalUri */
	KIND_CONTACT,                 /* Seq BuddyId, Number GroupNumber or NULL,
				       * Text1 buddy's UserAtHost, Text2 DisplayName */
};

struct stream {
	struct contact_list list;
	long long owner;              /* -1 before the first user */
	long long buddy_id;
	bool have_contact;
	struct strbuf buddy, nickname, groups, scratch;
	int (*fn)(const struct contact_list *cl, void *data);
	void *data;
	size_t users, total;          /* total 0: not known */
	struct progress *progress;
};

static void end_contact(struct stream *st)
{
	if (st->have_contact)
		contact_list_add_contact(&st->list, st->buddy.buf, st->nickname.buf, st->groups.buf);
	st->have_contact = false;
}

/* Hand on the list being gathered, if any. */
static int end_owner(struct stream *st)
{
	if (st->owner < 0)
		return 0;
	end_contact(st);
	st->owner = -1;
	return st->fn(&st->list, st->data);
}

static const char *text_or_empty(const struct db_row *row, int c)
{
	return row->null[c] ? "" : row->text[c];
}

static int on_user(struct stream *st, const struct db_row *row)
{
	int status;

	if (row->null[COL_TEXT1])
		return fail(UCMIG_EX_CONFIG, "profile query export: user %lld without UserAtHost",
			    row->number[COL_OWNER]);
	if ((status = end_owner(st)))
		return status;
	contact_list_reset(&st->list, row->text[COL_TEXT1], 0);
	st->owner = row->number[COL_OWNER];
	st->users++;
	if (st->progress && progress_due(st->progress)) {
		if (st->total)
			progress_show(st->progress, "%zu of %zu users", st->users, st->total);
		else
			progress_show(st->progress, "%zu users", st->users);
	}
	return 0;
}

static int on_group(struct stream *st, const struct db_row *row)
{
	if (!row->is_number[COL_NUMBER])
		return fail(UCMIG_EX_CONFIG, "profile query export: group of %lld without GroupNumber",
			    st->owner);
	contact_list_add_group(&st->list, (long)row->number[COL_NUMBER], text_or_empty(row, COL_TEXT1),
			       group_is_distribution_list(text_or_empty(row, COL_TEXT2), &st->scratch));
	return 0;
}

/* One row per group the contact is in (or one with no group): rows of
 * one contact are consecutive and make one entry. */
static int on_contact(struct stream *st, const struct db_row *row)
{
	if (!row->is_number[COL_SEQ] || row->null[COL_TEXT1])
		return fail(UCMIG_EX_CONFIG, "profile query export: contact of %lld without BuddyId or UserAtHost",
			    st->owner);
	if (st->have_contact && st->buddy_id != row->number[COL_SEQ])
		end_contact(st);
	if (!st->have_contact) {
		st->buddy_id = row->number[COL_SEQ];
		strbuf_reset(&st->buddy);
		strbuf_addstr(&st->buddy, row->text[COL_TEXT1]);
		strbuf_reset(&st->nickname);
		strbuf_addstr(&st->nickname, text_or_empty(row, COL_TEXT2));
		strbuf_reset(&st->groups);
		st->have_contact = true;
	}
	if (!row->null[COL_NUMBER])
		strbuf_addf(&st->groups, "%s%s", st->groups.len ? " " : "", row->text[COL_NUMBER]);
	return 0;
}

static int on_export_row(const struct db_row *row, void *data)
{
	struct stream *st = data;

	if (row->ncols < EXPORT_COLUMNS || !row->is_number[COL_OWNER] || !row->is_number[COL_KIND])
		return fail(UCMIG_EX_CONFIG,
			    "profile query export: expected OwnerId, Kind, Seq, Number, Text1, Text2");
	if (row->number[COL_KIND] == KIND_USER)
		return on_user(st, row);
	if (row->number[COL_OWNER] != st->owner)
		return fail(UCMIG_EX_CONFIG,
			    "profile query export: a row of owner %lld not after that owner's user row "
			    "(ORDER BY OwnerId, Kind, Seq, Number)", row->number[COL_OWNER]);
	if (row->number[COL_KIND] == KIND_GROUP)
		return on_group(st, row);
	if (row->number[COL_KIND] == KIND_CONTACT)
		return on_contact(st, row);
	return fail(UCMIG_EX_CONFIG, "profile query export: Kind %lld (0 user, 1 group, 2 contact)",
		    row->number[COL_KIND]);
}

/* ---- the passes ----------------------------------------------------- */

/* ul's addresses [from, to) into #ucmig_users, DB_MAX_LIST a statement. */
static int send_users(struct sql_source *src, const struct userlist *ul, size_t from, size_t to)
{
	struct strbuf sql = STRBUF_INIT;
	struct db_params ps;
	int status = 0;

	db_params_make(&ps, 'u', DB_MAX_LIST);
	while (!status && from < to) {
		size_t n = to - from < DB_MAX_LIST ? to - from : DB_MAX_LIST;

		strbuf_reset(&sql);
		strbuf_addstr(&sql, "INSERT INTO #ucmig_users (UserAtHost) VALUES ");
		for (size_t i = 0; i < n; i++) {
			ps.p[i].type = DB_PARAM_TEXT;
			ps.p[i].text = sipuri_address(ul->entry[from + i].value); /* no "sip:" */
			strbuf_addf(&sql, "%s(%s)", i ? "," : "", ps.p[i].name);
		}
		status = db_query(&src->db, sql.buf, ps.p, n, NULL, NULL, NULL);
		from += n;
	}
	strbuf_release(&sql);
	db_params_free(&ps);
	return status;
}

static int run_export_query(struct sql_source *src, const char *query, struct stream *st)
{
	int status = db_query(&src->db, sql_profile_query(&src->profile, query), NULL, 0,
			      on_export_row, st, NULL);
	return status ? status : end_owner(st);
}

/* Every homed user: the profile's export-all query if it has one (no
 * #table, no list on the server), else all-users into #ucmig_users and
 * the export query over it. */
static int export_everyone(struct sql_source *src, struct stream *st)
{
	int status;

	if (sql_profile_query(&src->profile, "export-all"))
		return run_export_query(src, "export-all", st);
	if ((status = db_batch(&src->db, create_users_table, NULL, NULL, NULL)) ||
	    (status = db_query(&src->db, sql_profile_query(&src->profile, "all-users"), NULL, 0,
			       NULL, NULL, NULL)))
		return status;
	return run_export_query(src, "export", st);
}

int sql_source_export(struct sql_source *src, const struct userlist *ul,
		      int (*fn)(const struct contact_list *cl, void *data), void *data,
		      struct progress *progress)
{
	struct stream st = { .owner = -1, .fn = fn, .data = data, .progress = progress };
	int status = 0;

	contact_list_init(&st.list);
	strbuf_init(&st.buddy);
	strbuf_init(&st.nickname);
	strbuf_init(&st.groups);
	strbuf_init(&st.scratch);
	if (!ul)
		status = export_everyone(src, &st);
	else if (ul->count)
		status = db_batch(&src->db, create_users_table, NULL, NULL, NULL);
	st.total = ul ? ul->count : 0;
	for (size_t from = 0; ul && from < ul->count && !status; from += src->batch) {
		size_t to = ul->count - from > src->batch ? from + src->batch : ul->count;

		if (from)
			status = db_query(&src->db, empty_users_table, NULL, 0, NULL, NULL, NULL);
		if (!status)
			status = send_users(src, ul, from, to);
		if (!status)
			status = run_export_query(src, "export", &st);
	}
	contact_list_release(&st.list);
	strbuf_release(&st.buddy);
	strbuf_release(&st.nickname);
	strbuf_release(&st.groups);
	strbuf_release(&st.scratch);
	return status;
}
