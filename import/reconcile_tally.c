/*
 * reconcile_tally.c - see reconcile_tally.h.
 */
#include "reconcile_tally.h"

#include "base/strbuf.h"
#include "left_out.h"
#include "outcome.h"

static const char *plural(unsigned long n)
{
	return n == 1 ? "" : "s";
}

void reconcile_tally_owner(struct reconcile_tally *t, struct wrapup *w, const char *address,
			   const struct owner_tally *o)
{
	struct strbuf detail = STRBUF_INIT;
	enum outcome out = !o->missing ? OUT_ARRIVED : o->present ? OUT_INCOMPLETE : OUT_NOT_ARRIVED;

	strbuf_addf(&detail, "expected %lu, present %lu, missing %lu, extra %lu", o->expected, o->present,
		    o->missing, o->extra);
	if (o->left_out)
		strbuf_addf(&detail, ", left out by the import %lu (%s)", o->left_out,
			    left_out_word(o->left_out_why));
	if (o->note)
		strbuf_addf(&detail, ": %s", o->note);
	wrapup_record(w, out, address, "reconcile", detail.buf);
	strbuf_release(&detail);
	t->owners++;
	t->owners_missing += o->missing > 0;
	t->expected += o->expected;
	t->present += o->present;
	t->missing += o->missing;
	t->extra += o->extra;
	t->left_out += o->left_out;
}

void reconcile_tally_summary(const struct reconcile_tally *t, const struct import_settings *s,
			     struct wrapup *w)
{
	wrapup_summary_addf(w, "%zu owner%s, %lu row%s expected: ", t->owners, plural(t->owners), t->expected,
			    plural(t->expected));
	if (!t->missing)
		wrapup_summary_addf(w, "everything arrived");
	else if (s->missing)
		wrapup_summary_addf(w, "%lu row%s missing for %zu owner%s (in %s)", t->missing, plural(t->missing),
				    t->owners_missing, plural(t->owners_missing), s->missing);
	else
		wrapup_summary_addf(w, "%lu row%s missing for %zu owner%s (give --missing FILE for them)",
				    t->missing, plural(t->missing), t->owners_missing, plural(t->owners_missing));
	wrapup_summary_addf(w, "; %lu present", t->present);
	if (t->left_out)
		wrapup_summary_addf(w, "; %lu left out by the import on purpose", t->left_out);
	if (t->extra)
		wrapup_summary_addf(w, "; %lu extra on the server (added since)", t->extra);
	if (t->owners_only_on_server)
		wrapup_summary_addf(w, "; %zu owner%s only on the server, left alone", t->owners_only_on_server,
				    plural(t->owners_only_on_server));
	if (t->self || t->duplicates)
		wrapup_summary_addf(w, "; not expected: %lu self-contact%s, %lu row%s again", t->self,
				    plural(t->self), t->duplicates, plural(t->duplicates));
}
