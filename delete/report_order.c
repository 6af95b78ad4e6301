/*
 * report_order.c - see report_order.h.
 */
#include "report_order.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

struct report_slot {
	bool in;
	size_t outcome;
	char *detail;              /* owned, NULL for none */
};

void report_order_init(struct report_order *ro, struct wrapup *w, const struct userlist *ul,
		       const bool *expected, const char *const *action, size_t ndb)
{
	size_t n = ul->count * ndb;

	memset(ro, 0, sizeof(*ro));
	ro->wrapup = w;
	ro->users = ul;
	ro->expected = expected;
	ro->action = action;
	ro->ndb = ndb;
	ro->slot = xcalloc(n ? n : 1, sizeof(*ro->slot));
	for (size_t i = 0; i < ul->count; i++)
		ro->total += expected[i] ? ndb : 0;
}

static void emit(struct report_order *ro, size_t k)
{
	struct report_slot *s = &ro->slot[k];

	wrapup_record(ro->wrapup, s->outcome, ro->users->entry[k / ro->ndb].value,
		      ro->action[k % ro->ndb], s->detail);
	free(s->detail);
	s->detail = NULL;
}

/* Report every slot from next on that is in, stopping at the first
 * expected one still missing (stop_at_gap), or going past gaps. */
static void advance(struct report_order *ro, bool stop_at_gap)
{
	size_t n = ro->users->count * ro->ndb;

	for (; ro->next < n; ro->next++) {
		size_t k = ro->next;
		if (!ro->expected[k / ro->ndb])
			continue;
		if (!ro->slot[k].in) {
			if (stop_at_gap)
				return;
			continue;
		}
		emit(ro, k);
	}
}

void report_order_put(struct report_order *ro, size_t user, size_t db, size_t outcome,
		      const char *detail)
{
	struct report_slot *s = &ro->slot[user * ro->ndb + db];

	if (s->in)
		return;         /* one outcome a pair: the first stands */
	s->in = true;
	s->outcome = outcome;
	s->detail = detail ? xstrdup(detail) : NULL;
	ro->filled++;
	advance(ro, true);
}

bool report_order_has(const struct report_order *ro, size_t user, size_t db)
{
	return ro->slot[user * ro->ndb + db].in;
}

void report_order_flush_all(struct report_order *ro)
{
	advance(ro, false);
}

void report_order_release(struct report_order *ro)
{
	size_t n = ro->users ? ro->users->count * ro->ndb : 0;

	for (size_t k = 0; k < n; k++)
		free(ro->slot[k].detail);
	free(ro->slot);
	memset(ro, 0, sizeof(*ro));
}
