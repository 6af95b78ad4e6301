/*
 * reconcile_tally.c - see reconcile_tally.h.
 */
#include "reconcile_tally.h"

#include <stdlib.h>

#include "base/strbuf.h"
#include "base/xalloc.h"
#include "domain/left_out.h"
#include "outcome.h"

static const char *plural(unsigned long n)
{
	return n == 1 ? "" : "s";
}

void reconcile_context_init(struct reconcile_context *c)
{
	left_out_init(&c->left_out);
	export_chain_init(&c->chain);
	c->chained = false;
}

int reconcile_context_load(struct reconcile_context *c, const struct import_settings *s)
{
	int status = 0;

	if (s->import_report)
		status = left_out_load(&c->left_out, s->import_report);
	if (!status && s->export_report) {
		status = export_chain_load(&c->chain, s->export_report);
		c->chained = !status;
	}
	return status;
}

void reconcile_context_release(struct reconcile_context *c)
{
	left_out_release(&c->left_out);
	export_chain_release(&c->chain);
}

void reconcile_tally_owner(struct reconcile_tally *t, struct wrapup *w, const char *address,
			   const struct owner_tally *o)
{
	struct strbuf detail = STRBUF_INIT;
	enum outcome out = !o->missing ? OUT_ARRIVED : o->present ? OUT_INCOMPLETE : OUT_NOT_ARRIVED;

	if (t->context && t->context->chained) {
		const struct chain_owner *co = export_chain_find(&t->context->chain, address);
		if (!t->chain_seen)
			t->chain_seen = xcalloc(t->context->chain.n + 1, sizeof(bool));
		if (co) {
			t->chain_seen[co - t->context->chain.owner] = true;
			export_chain_describe(co, &detail);
		}
		else
			strbuf_addstr(&detail, "not in the export's report; ");
	}
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

void reconcile_tally_rest(struct reconcile_tally *t, struct wrapup *w)
{
	const struct export_chain *c = t->context && t->context->chained ? &t->context->chain : NULL;
	struct strbuf detail = STRBUF_INIT;

	for (size_t i = 0; c && i < c->n; i++) {
		if (t->chain_seen && t->chain_seen[i])
			continue;
		strbuf_reset(&detail);
		export_chain_describe(&c->owner[i], &detail);
		strbuf_addstr(&detail, "no row in the CSV: nothing expected");
		wrapup_record(w, OUT_ARRIVED, c->owner[i].address, "reconcile", detail.buf);
		t->owners_not_in_source++;
	}
	strbuf_release(&detail);
}

void reconcile_tally_release(struct reconcile_tally *t)
{
	free(t->chain_seen);
	t->chain_seen = NULL;
}

void reconcile_tally_stopped(const struct reconcile_tally *t, const struct import_settings *s,
			     struct wrapup *w)
{
	wrapup_summary_addf(w, "%zu owner%s compared, %lu row%s missing among them%s", t->owners, plural(t->owners),
			    t->missing, plural(t->missing), s->missing ? "; --missing not written" : "");
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
	if (t->owners_not_in_source)
		wrapup_summary_addf(w, "; %zu owner%s of the export with no row in the CSV", t->owners_not_in_source,
				    plural(t->owners_not_in_source));
	if (t->owners_only_on_server)
		wrapup_summary_addf(w, "; %zu owner%s only on the server, left alone", t->owners_only_on_server,
				    plural(t->owners_only_on_server));
	if (t->self || t->duplicates)
		wrapup_summary_addf(w, "; not expected: %lu self-contact%s, %lu row%s again", t->self,
				    plural(t->self), t->duplicates, plural(t->duplicates));
}
