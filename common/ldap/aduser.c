/*
 * aduser.c - see aduser.h.
 */
#include "ldap/aduser.h"

#include "domain/dn.h"

#include <ldap.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/grow.h"
#include "base/interrupt.h"
#include "base/exitcode.h"
#include "base/msg.h"
#include "domain/sipuri.h"
#include "ldap/search_many.h"
#include "base/xalloc.h"

/* 100 values to a search: larger OR filters were slower on slapd (see
 * bench/README.md). 8 searches outstanding at once hide the round trips
 * of a network link; more gained nothing on one. */
enum { AD_LOOKUP_BATCH = 100, AD_LOOKUP_INFLIGHT = 8 };

/* People: in AD a computer is a user object too (a subclass, often with
 * a mail), and must never get an address or be taken for someone. AD
 * says (&(objectCategory=person)(objectClass=user)); this form means the
 * same there and needs no objectCategory elsewhere. */
#define AD_PEOPLE "(&(objectClass=user)(!(objectClass=computer)))"

/* What each way of matching searches and reads. */
static const struct {
	const char *attr;          /* compared with the URI (or part of it) */
	const char *only;          /* ANDed into every look-up, or NULL */
} by_table[] = {
	[AD_BY_ADDRESS] = { AD_ATTR_ADDRESS, NULL },
	[AD_BY_MAIL] = { AD_ATTR_MAIL, AD_PEOPLE },
	[AD_BY_ACCOUNT] = { AD_ATTR_ACCOUNT, AD_PEOPLE },
};

/* What fill() reads of a user, for every search that finds users. */
static char *user_attrs[] = { AD_ATTR_ADDRESS, AD_ATTR_ENABLED, AD_ATTR_ACCOUNT, AD_ATTR_MAIL, NULL };

static char *first_value(LDAP *ld, LDAPMessage *e, const char *attr)
{
	struct berval **v = ldap_get_values_len(ld, e, attr);
	char *s = v && v[0] ? xstrndup(v[0]->bv_val, v[0]->bv_len) : NULL;

	ldap_value_free_len(v);
	return s;
}

/* Call fn with each URI q makes of the entry (mail may hold several),
 * until fn returns true. Returns whether it did; *invalid counts values
 * that make no valid URI. */
static bool for_each_uri(LDAP *ld, LDAPMessage *e, const struct aduser_query *q, struct strbuf *uri,
			 bool (*fn)(const char *uri, void *arg), void *arg, size_t *invalid)
{
	struct berval **v = ldap_get_values_len(ld, e, by_table[q->by].attr);
	struct strbuf text = STRBUF_INIT;
	bool stopped = false;

	for (size_t k = 0; v && v[k] && !stopped; k++) {
		strbuf_reset(&text);
		strbuf_add(&text, v[k]->bv_val, v[k]->bv_len);
		if (q->by == AD_BY_ACCOUNT)
			strbuf_addf(&text, "@%s", q->domain);
		strbuf_reset(uri);
		if (strlen(text.buf) != text.len || sipuri_parse(text.buf, text.len, uri))
			++*invalid;
		else
			stopped = fn(uri->buf, arg);
	}
	ldap_value_free_len(v);
	strbuf_release(&text);
	return stopped;
}

/* ---- look-ups ------------------------------------------------------------ */

struct lookup_ctx {
	const struct userlist *ul;
	const struct aduser_query *q;
	struct aduser *out;
	struct strbuf key, uri;
	size_t hit, invalid;
	struct lookup_progress *progress;
};

static bool find_user(const char *uri, void *arg)
{
	struct lookup_ctx *ctx = arg;
	struct strset_entry *e;

	sipuri_key(uri, &ctx->key);
	if (!(e = strset_find(&ctx->ul->keys, ctx->key.buf)))
		return false;
	ctx->hit = e->value;
	return true;
}

static void fill(struct aduser *u, LDAP *ld, LDAPMessage *e, const char *dn, const char *uri)
{
	char *enabled = first_value(ld, e, AD_ATTR_ENABLED);

	u->dn = xstrdup(dn);
	u->uri = xstrdup(uri);
	u->address = first_value(ld, e, AD_ATTR_ADDRESS);
	u->account = first_value(ld, e, AD_ATTR_ACCOUNT);
	u->mail = first_value(ld, e, AD_ATTR_MAIL);
	u->enabled = !enabled ? AD_ENABLED_ABSENT
		   : strcasecmp(enabled, "TRUE") == 0 ? AD_ENABLED_TRUE : AD_ENABLED_FALSE;
	u->matches = 1;
	free(enabled);
}

static void add_match(struct aduser *u, LDAP *ld, LDAPMessage *e, const char *dn, const char *uri)
{
	if (!u->dn)
		fill(u, ld, e, dn, uri);
	/* After a reconnect a page may come twice: same DN, same entry. */
	else if (strcasecmp(u->dn, dn) != 0 && !(u->other_dn && strcasecmp(u->other_dn, dn) == 0)) {
		u->matches++;
		if (!u->other_dn)
			u->other_dn = xstrdup(dn);
	}
}

static int on_lookup_entry(struct ldap_session *s, LDAPMessage *e, void *data)
{
	struct lookup_ctx *ctx = data;
	char *dn = ldap_get_dn(s->ld, e);

	if (dn && for_each_uri(s->ld, e, ctx->q, &ctx->uri, find_user, ctx, &ctx->invalid))
		add_match(&ctx->out[ctx->hit], s->ld, e, dn, ctx->uri.buf);
	ldap_memfree(dn);
	return 0;
}

/* The value a URI is searched by: all of it, its address, its user part. */
static void search_value(const struct aduser_query *q, const char *uri, struct strbuf *out)
{
	const char *addr = sipuri_address(uri);
	const char *at = strrchr(addr, '@');

	strbuf_reset(out);
	if (q->by == AD_BY_ADDRESS)
		strbuf_addstr(out, uri);
	else if (q->by == AD_BY_MAIL || !at)
		strbuf_addstr(out, addr);
	else
		strbuf_add(out, addr, (size_t)(at - addr));
}

/* One OR filter per AD_LOOKUP_BATCH URI entries of ul. */
static void build_filters(const struct userlist *ul, const struct aduser_query *q,
			  struct strbuf **filters, size_t *n)
{
	const char *only = by_table[q->by].only;
	struct strbuf value = STRBUF_INIT;
	size_t alloc = 0;

	*filters = NULL;
	*n = 0;
	for (size_t i = 0; i < ul->count;) {
		struct strbuf f = STRBUF_INIT;
		size_t terms = 0;

		strbuf_addf(&f, "%s%s(|", only ? "(&" : "", only ? only : "");
		for (; i < ul->count && terms < AD_LOOKUP_BATCH; i++) {
			if (ul->entry[i].kind != USERLIST_URI)
				continue;
			search_value(q, ul->entry[i].value, &value);
			strbuf_addf(&f, "(%s=", by_table[q->by].attr);
			ldap_filter_value(value.buf, &f);
			strbuf_addch(&f, ')');
			terms++;
		}
		strbuf_addstr(&f, only ? "))" : ")");
		if (!terms) {
			strbuf_release(&f);
			continue;
		}
		GROW(*filters, *n + 1, alloc);
		(*filters)[(*n)++] = f;
	}
	strbuf_release(&value);
}

struct lookup_progress {
	struct progress *progress;
	size_t done, searches, users;
};

static void on_search_done(size_t i, void *data)
{
	struct lookup_ctx *ctx = data;
	struct lookup_progress *p = ctx->progress;

	(void)i;
	p->done++;
	if (p->progress && progress_due(p->progress))
		progress_show(p->progress, "looked up %zu of %zu users",
			      p->done == p->searches ? p->users : p->done * AD_LOOKUP_BATCH, p->users);
}

int aduser_lookup_by(struct ldap_session *s, const struct userlist *ul,
		     const struct aduser_query *q, struct aduser *out, struct progress *progress)
{
	struct lookup_progress lp = { .progress = progress, .users = ul->count };
	struct lookup_ctx ctx = { .ul = ul, .q = q, .out = out, .key = STRBUF_INIT, .uri = STRBUF_INIT,
				  .progress = &lp };
	struct strbuf *filters;
	char **texts;
	size_t n;
	int status;

	for (size_t i = 0; i < ul->count; i++)
		out[i] = (struct aduser){ .enabled = AD_ENABLED_ABSENT };
	build_filters(ul, q, &filters, &n);
	texts = xcalloc(n ? n : 1, sizeof(*texts));
	for (size_t k = 0; k < n; k++)
		texts[k] = filters[k].buf;
	lp.searches = n;
	status = ldap_search_many(s, &(struct search_many){
		.base = s->base, .scope = LDAP_SCOPE_SUBTREE, .filters = texts, .n = n, .attrs = user_attrs,
		.inflight = AD_LOOKUP_INFLIGHT, .on_entry = on_lookup_entry, .on_done = on_search_done,
		.data = &ctx });
	for (size_t k = 0; k < n; k++)
		strbuf_release(&filters[k]);
	free(filters);
	free(texts);
	strbuf_release(&ctx.key);
	strbuf_release(&ctx.uri);
	return status;
}

int aduser_lookup(struct ldap_session *s, const struct userlist *ul, struct aduser *out,
		  struct progress *progress)
{
	const struct aduser_query by_address = { AD_BY_ADDRESS, NULL };

	return aduser_lookup_by(s, ul, &by_address, out, progress);
}

static int on_read_entry(struct ldap_session *s, LDAPMessage *e, void *data)
{
	struct aduser *u = data;
	char *dn = ldap_get_dn(s->ld, e);

	if (dn && !u->dn)
		fill(u, s->ld, e, dn, "");
	ldap_memfree(dn);
	return 0;
}

int aduser_read(struct ldap_session *s, const char *dn, struct aduser *out)
{
	*out = (struct aduser){ .enabled = AD_ENABLED_ABSENT };
	return ldap_search_paged(s, dn, LDAP_SCOPE_BASE, "(objectClass=*)", user_attrs, on_read_entry, out);
}

void aduser_clear(struct aduser *u)
{
	free(u->dn);
	free(u->other_dn);
	free(u->uri);
	free(u->address);
	free(u->account);
	free(u->mail);
	*u = (struct aduser){ .enabled = AD_ENABLED_ABSENT };
}

void aduser_free(struct aduser *users, size_t n)
{
	for (size_t i = 0; users && i < n; i++)
		aduser_clear(&users[i]);
	free(users);
}

/* ---- DN: lines ----------------------------------------------------------- */

/* One kind of expansion: whom a DN: line means, and what each becomes. */
struct expansion {
	const char *filter;
	const struct aduser_query *q;
	const char *noun;             /* "SIP-enabled users" */
	const char *lacking;          /* why a user found is left out */
};

struct expand_ctx {
	const struct expansion *x;
	struct userlist *into;
	unsigned long line;
	struct strbuf uri;
	size_t found, left_out, invalid;
	char *first_left_out;
};

static bool take_first(const char *uri, void *arg)
{
	struct expand_ctx *ctx = arg;

	userlist_add_uri(ctx->into, uri, ctx->line);
	return true;
}

static int on_expand_entry(struct ldap_session *s, LDAPMessage *e, void *data)
{
	struct expand_ctx *ctx = data;

	if (for_each_uri(s->ld, e, ctx->x->q, &ctx->uri, take_first, ctx, &ctx->invalid)) {
		ctx->found++;
	} else {
		char *dn = ldap_get_dn(s->ld, e);
		if (!ctx->left_out++)
			ctx->first_left_out = xstrdup(dn ? dn : "?");
		ldap_memfree(dn);
	}
	return 0;
}

static int expand(struct ldap_session *s, struct userlist *ul, const struct expansion *x,
		  bool will_change, long everyone)
{
	char *attrs[] = { (char *)by_table[x->q->by].attr, NULL };
	struct userlist expanded;
	int status = 0;

	userlist_init(&expanded);
	expanded.file = ul->file;
	for (size_t i = 0; i < ul->count && !status && !(status = interrupt_status()); i++) {
		const struct userlist_entry *u = &ul->entry[i];
		struct expand_ctx ctx = { .x = x, .into = &expanded, .line = u->line, .uri = STRBUF_INIT };

		if (u->kind == USERLIST_URI) {
			userlist_add_uri(&expanded, u->value, u->line);
			continue;
		}
		status = ldap_search_paged(s, u->value, LDAP_SCOPE_SUBTREE, x->filter, attrs,
					   on_expand_entry, &ctx);
		if (!status)
			note("%s:%lu: %zu %s under %s", ul->file, u->line, ctx.found, x->noun, u->value);
		if (!status && ctx.left_out)
			warn("%s:%lu: %zu user%s under %s left out: %s (the first: %s)", ul->file, u->line,
			     ctx.left_out, ctx.left_out == 1 ? "" : "s", u->value, x->lacking,
			     ctx.first_left_out);
		if (!status && will_change && dn_is_domain_root(u->value) && everyone != (long)ctx.found)
			status = fail(UCMIG_EX_USAGE,
				      "%s:%lu: DN: %s is the whole domain: all %zu users; to act on every one of them, give --everyone %zu",
				      ul->file, u->line, u->value, ctx.found, ctx.found);
		free(ctx.first_left_out);
		strbuf_release(&ctx.uri);
	}
	if (!status) {
		userlist_move_duplicates(&expanded, ul);
		userlist_free(ul);
		*ul = expanded;
	} else {
		userlist_free(&expanded);
	}
	return status;
}

int aduser_expand_dns(struct ldap_session *s, struct userlist *ul, bool will_change,
		      long everyone)
{
	static const struct aduser_query by_address = { AD_BY_ADDRESS, NULL };
	static const struct expansion sip_enabled = {
		"(&(" AD_ATTR_ADDRESS "=*)(" AD_ATTR_ENABLED "=TRUE))", &by_address,
		"SIP-enabled users", "not a valid SIP address",
	};

	return expand(s, ul, &sip_enabled, will_change, everyone);
}

int aduser_expand_users(struct ldap_session *s, struct userlist *ul, const struct aduser_query *q,
			bool will_change, long everyone)
{
	struct expansion every_user = {
		AD_PEOPLE, q, "user objects",
		q->by == AD_BY_MAIL ? "no mail, or one that is no valid SIP address"
				    : "no sAMAccountName valid in a SIP address",
	};

	return expand(s, ul, &every_user, will_change, everyone);
}
