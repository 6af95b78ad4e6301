/*
 * neighbours.c - see neighbours.h.
 */
#include "neighbours.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

/* ResourceIds in one INSERT: their "@a249 bigint," declarations stay
 * under the 4,000 characters sp_executesql's @params may have. */
enum { IDS_PER_INSERT = 250 };

static const char make_table[] = "CREATE TABLE #ucmig_batch (ResourceId INT NOT NULL PRIMARY KEY)";
static const char drop_table[] = "DROP TABLE #ucmig_batch";
static const char pairs_query[] =
	"SELECT c.OwnerId, c.BuddyId FROM Contact c, #ucmig_batch o, #ucmig_batch b"
	" WHERE c.OwnerId = o.ResourceId AND c.BuddyId = b.ResourceId AND c.OwnerId <> c.BuddyId";

struct by_id {
	long long id;
	size_t user;
};

struct reading {
	struct by_id *users;       /* sorted by id */
	size_t count;
	size_t (*pair)[2];         /* users, both ways round */
	size_t npairs, alloc;
};

static int compare_id(const void *a, const void *b)
{
	long long x = ((const struct by_id *)a)->id, y = ((const struct by_id *)b)->id;

	return (x > y) - (x < y);
}

static const struct by_id *find(const struct reading *r, long long id)
{
	struct by_id key = { id, 0 };

	return bsearch(&key, r->users, r->count, sizeof(key), compare_id);
}

static int on_pair(const struct db_row *row, void *data)
{
	struct reading *r = data;
	const struct by_id *owner = find(r, row->number[0]), *buddy = find(r, row->number[1]);

	if (!owner || !buddy)
		return 0;
	if (r->npairs + 2 > r->alloc) {
		r->alloc = r->alloc ? 2 * r->alloc : 256;
		r->pair = xrealloc(r->pair, r->alloc * sizeof(*r->pair));
	}
	r->pair[r->npairs][0] = owner->user;
	r->pair[r->npairs++][1] = buddy->user;
	r->pair[r->npairs][0] = buddy->user;
	r->pair[r->npairs++][1] = owner->user;
	return 0;
}

static int fill_table(struct db_session *db, const struct reading *r)
{
	struct db_params ps;
	struct strbuf sql = STRBUF_INIT;
	int status = 0;

	db_params_make(&ps, 'a', IDS_PER_INSERT);
	for (size_t from = 0; from < r->count && !status; from += IDS_PER_INSERT) {
		size_t n = r->count - from < IDS_PER_INSERT ? r->count - from : IDS_PER_INSERT;
		strbuf_reset(&sql);
		strbuf_addstr(&sql, "INSERT INTO #ucmig_batch (ResourceId) VALUES ");
		for (size_t k = 0; k < n; k++) {
			ps.p[k].type = DB_PARAM_INT;
			ps.p[k].number = r->users[from + k].id;
			strbuf_addf(&sql, "%s(%s)", k ? "," : "", ps.p[k].name);
		}
		status = db_query(db, sql.buf, ps.p, n, NULL, NULL, NULL);
	}
	strbuf_release(&sql);
	db_params_free(&ps);
	return status;
}

/* The pairs as adjacency lists (counting sort by the first user). */
static void build(struct neighbours *nb, const struct reading *r)
{
	size_t *at = xcalloc(nb->n + 1, sizeof(*at));

	for (size_t k = 0; k < r->npairs; k++)
		nb->start[r->pair[k][0] + 1]++;
	for (size_t i = 0; i < nb->n; i++)
		nb->start[i + 1] += nb->start[i];
	nb->list = xcalloc(r->npairs ? r->npairs : 1, sizeof(*nb->list));
	memcpy(at, nb->start, (nb->n + 1) * sizeof(*at));
	for (size_t k = 0; k < r->npairs; k++)
		nb->list[at[r->pair[k][0]]++] = r->pair[k][1];
	free(at);
}

void neighbours_init(struct neighbours *nb, size_t n)
{
	nb->n = n;
	nb->start = xcalloc(n + 1, sizeof(*nb->start));
	nb->list = NULL;
	nb->near_in_flight = xcalloc(n ? n : 1, sizeof(*nb->near_in_flight));
}

int neighbours_read(struct neighbours *nb, struct db_session *db, const long long *id,
		    const size_t *user, size_t count)
{
	struct reading r = { .count = count };
	int status;

	if (count < 2)
		return 0;
	r.users = xcalloc(count, sizeof(*r.users));
	for (size_t k = 0; k < count; k++)
		r.users[k] = (struct by_id){ id[k], user[k] };
	qsort(r.users, count, sizeof(*r.users), compare_id);
	status = db_batch(db, make_table, NULL, NULL, NULL);
	if (!status && !(status = fill_table(db, &r)) &&
	    !(status = db_query(db, pairs_query, NULL, 0, on_pair, &r, NULL)))
		status = db_batch(db, drop_table, NULL, NULL, NULL);
	if (!status) {
		free(nb->list);
		memset(nb->start, 0, (nb->n + 1) * sizeof(*nb->start));
		build(nb, &r);
	}
	free(r.users);
	free(r.pair);
	return status;
}

bool neighbours_clear(const struct neighbours *nb, size_t i)
{
	return nb->near_in_flight[i] == 0;
}

void neighbours_take(struct neighbours *nb, size_t i)
{
	for (size_t k = nb->start[i]; k < nb->start[i + 1]; k++)
		nb->near_in_flight[nb->list[k]]++;
}

void neighbours_let_go(struct neighbours *nb, size_t i)
{
	for (size_t k = nb->start[i]; k < nb->start[i + 1]; k++)
		nb->near_in_flight[nb->list[k]]--;
}

void neighbours_release(struct neighbours *nb)
{
	free(nb->start);
	free(nb->list);
	free(nb->near_in_flight);
	memset(nb, 0, sizeof(*nb));
}
