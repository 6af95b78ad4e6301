/*
 * aduser.c - see aduser.h.
 */
#include "ldap/aduser.h"

#include "domain/dn.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/interrupt.h"
#include "base/exitcode.h"
#include "base/msg.h"
#include "domain/sipuri.h"
#include "base/xalloc.h"

enum { AD_LOOKUP_BATCH = 100 };

struct lookup_ctx {
	const struct userlist *ul;
	struct aduser *out;
	struct strbuf key, uri;
};

static char *first_value(LDAP *ld, LDAPMessage *e, const char *attr)
{
	struct berval **v = ldap_get_values_len(ld, e, attr);
	char *s = v && v[0] ? xstrndup(v[0]->bv_val, v[0]->bv_len) : NULL;

	ldap_value_free_len(v);
	return s;
}

static int on_lookup_entry(struct ldap_session *s, LDAPMessage *e, void *data)
{
	struct lookup_ctx *ctx = data;
	char *addr = first_value(s->ld, e, AD_ATTR_ADDRESS);
	char *enabled = first_value(s->ld, e, AD_ATTR_ENABLED);
	char *dn = ldap_get_dn(s->ld, e);
	struct strset_entry *hit;

	if (addr && !sipuri_parse(addr, strlen(addr), &ctx->uri)) {
		sipuri_key(ctx->uri.buf, &ctx->key);
		hit = strset_find(&ctx->ul->keys, ctx->key.buf);
		if (hit && dn) {
			struct aduser *u = &ctx->out[hit->value];
			/* After a reconnect a page may come twice: same DN, same entry. */
			if (!u->dn || strcasecmp(u->dn, dn) != 0) {
				u->matches++;
				if (!u->dn) {
					u->dn = xstrdup(dn);
					u->address = xstrdup(addr);
					u->account = first_value(s->ld, e, AD_ATTR_ACCOUNT);
					u->mail = first_value(s->ld, e, AD_ATTR_MAIL);
					u->enabled = !enabled ? AD_ENABLED_ABSENT
						   : strcasecmp(enabled, "TRUE") == 0 ? AD_ENABLED_TRUE
						   : AD_ENABLED_FALSE;
				}
			}
		}
	}
	ldap_memfree(dn);
	free(addr);
	free(enabled);
	return 0;
}

int aduser_lookup(struct ldap_session *s, const struct userlist *ul, struct aduser *out,
		  struct progress *progress)
{
	char *attrs[] = { AD_ATTR_ADDRESS, AD_ATTR_ENABLED, AD_ATTR_ACCOUNT, AD_ATTR_MAIL, NULL };
	struct lookup_ctx ctx = { .ul = ul, .out = out, .key = STRBUF_INIT, .uri = STRBUF_INIT };
	struct strbuf filter = STRBUF_INIT;
	int status = 0;

	for (size_t i = 0; i < ul->count; i++)
		out[i] = (struct aduser){ .enabled = AD_ENABLED_ABSENT };
	for (size_t i = 0; i < ul->count && !status;) {
		size_t n = 0;

		if (interrupt_requested()) {
			status = interrupt_status();
			break;
		}
		strbuf_reset(&filter);
		strbuf_addstr(&filter, "(|");
		for (; i < ul->count && n < AD_LOOKUP_BATCH; i++) {
			if (ul->entry[i].kind != USERLIST_URI)
				continue;
			strbuf_addstr(&filter, "(" AD_ATTR_ADDRESS "=");
			ldap_filter_value(ul->entry[i].value, &filter);
			strbuf_addch(&filter, ')');
			n++;
		}
		strbuf_addch(&filter, ')');
		if (n)
			status = ldap_search_paged(s, s->base, LDAP_SCOPE_SUBTREE, filter.buf, attrs,
						   on_lookup_entry, &ctx);
		if (progress && progress_due(progress))
			progress_show(progress, "looked up %zu of %zu users", i, ul->count);
	}
	strbuf_release(&filter);
	strbuf_release(&ctx.key);
	strbuf_release(&ctx.uri);
	return status;
}

void aduser_free(struct aduser *users, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(users[i].dn);
		free(users[i].address);
		free(users[i].account);
		free(users[i].mail);
	}
	free(users);
}

struct expand_ctx {
	struct userlist *into;
	unsigned long line;
	struct strbuf uri;
	size_t found;
};

static int on_expand_entry(struct ldap_session *s, LDAPMessage *e, void *data)
{
	struct expand_ctx *ctx = data;
	char *addr = first_value(s->ld, e, AD_ATTR_ADDRESS);

	if (addr && !sipuri_parse(addr, strlen(addr), &ctx->uri)) {
		userlist_add_uri(ctx->into, ctx->uri.buf, ctx->line);
		ctx->found++;
	} else if (addr) {
		char *dn = ldap_get_dn(s->ld, e);
		warn("%s: '%s' is not a valid SIP address; skipped", dn ? dn : "?", addr);
		ldap_memfree(dn);
	}
	free(addr);
	return 0;
}

int aduser_expand_dns(struct ldap_session *s, struct userlist *ul, bool will_change,
		      long everyone)
{
	char *attrs[] = { AD_ATTR_ADDRESS, NULL };
	struct userlist expanded;
	int status = 0;

	userlist_init(&expanded);
	expanded.file = ul->file;
	for (size_t i = 0; i < ul->count && !status && !(status = interrupt_status()); i++) {
		const struct userlist_entry *u = &ul->entry[i];
		struct expand_ctx ctx = { .into = &expanded, .line = u->line, .uri = STRBUF_INIT };

		if (u->kind == USERLIST_URI) {
			userlist_add_uri(&expanded, u->value, u->line);
			continue;
		}
		status = ldap_search_paged(s, u->value, LDAP_SCOPE_SUBTREE,
					   "(&(" AD_ATTR_ADDRESS "=*)(" AD_ATTR_ENABLED "=TRUE))",
					   attrs, on_expand_entry, &ctx);
		if (!status)
			note("%s:%lu: %zu SIP-enabled users under %s", ul->file, u->line, ctx.found, u->value);
		if (!status && will_change && dn_is_domain_root(u->value) && everyone != (long)ctx.found)
			status = fail(UCMIG_EX_USAGE,
				      "%s:%lu: DN: %s is the whole domain: all %zu users; to act on every one of them, give --everyone %zu",
				      ul->file, u->line, u->value, ctx.found, ctx.found);
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
