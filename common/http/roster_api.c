/*
 * roster_api.c - see roster_api.h.
 */
#include "http/roster_api.h"

#include <string.h>
#include <strings.h>

const char *roster_api_problem(const struct http_result *res, bool want_zero, struct strbuf *why)
{
	struct json_value *v;

	strbuf_reset(why);
	if (res->status) {
		strbuf_addstr(why, res->error);
	} else if (res->code != 200) {
		strbuf_addf(why, "HTTP %ld", res->code);
		if (!json_parse(res->body, res->len, &v, NULL)) {
			const char *msg = json_string(json_member(v, "message"));
			if (msg)
				strbuf_addf(why, ": %s", msg);
			json_free(v);
		}
	} else if (want_zero && strcmp(res->body, "0") != 0) {
		strbuf_addf(why, "the server answered %.80s, not 0", res->body);
	}
	return why->len ? why->buf : NULL;
}

bool roster_api_transient(long code, const char *body)
{
	return code == 200 && strcmp(body, "1") == 0;
}

bool roster_groups_add(struct strbuf *joined, const char *groups)
{
	bool added = false;

	for (const char *s = groups ? groups : ""; *s;) {
		size_t n = strcspn(s, ";");
		bool have = false;

		for (const char *g = joined->buf ? joined->buf : ""; n && *g && !have;) {
			size_t m = strcspn(g, ";");
			have = m == n && strncmp(g, s, n) == 0;
			g += m + (g[m] == ';');
		}
		if (n && !have) {
			strbuf_addf(joined, "%s%.*s", joined->len ? ";" : "", (int)n, s);
			added = true;
		}
		s += n + (s[n] == ';');
	}
	return added;
}

void roster_item_gather(const struct json_value *roster, const char *jid, struct roster_item *out)
{
	memset(out, 0, sizeof(*out));
	strbuf_init(&out->groups);
	for (const struct json_value *e = roster ? roster->child : NULL; e; e = e->next) {
		const char *j = json_string(json_member(e, "jid"));

		if (!j || strcasecmp(j, jid) != 0)
			continue;
		if (!out->there) {
			out->there = true;
			out->nick = json_string(json_member(e, "nick"));
			out->subscription = json_string(json_member(e, "subscription"));
			if (!out->subscription)
				out->subscription = "none";
		}
		roster_groups_add(&out->groups, json_string(json_member(e, "group")));
	}
}

void roster_item_release(struct roster_item *it)
{
	strbuf_release(&it->groups);
}

static void add_member(struct strbuf *out, const char *name, const char *value)
{
	strbuf_addf(out, "%s\"%s\":", out->len > 1 ? "," : "", name);
	json_add_string(out, value ? value : "");
}

void roster_api_item_body(struct strbuf *out, const char *owner_id, const char *owner_host,
			  const char *contact_id, const char *contact_host, const char *nick,
			  const char *groups, const char *subs)
{
	strbuf_reset(out);
	strbuf_addch(out, '{');
	add_member(out, "localuser", owner_id);
	add_member(out, "localhost", owner_host);
	add_member(out, "user", contact_id);
	add_member(out, "host", contact_host);
	if (nick) {
		add_member(out, "nick", nick);
		add_member(out, "group", groups);
		add_member(out, "subs", subs);
	}
	strbuf_addch(out, '}');
}

void roster_api_user_body(struct strbuf *out, const char *user, const char *host)
{
	strbuf_reset(out);
	strbuf_addch(out, '{');
	if (user)
		add_member(out, "user", user);
	add_member(out, "host", host);
	strbuf_addch(out, '}');
}
