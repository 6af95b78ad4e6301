/*
 * test-json.c - the JSON of ejabberd's HTTP API: answers parsed exactly,
 * malformed and hostile ones refused with a reason, strings escaped; and
 * the roster calls built on it (http/roster_api.h).
 */
#include <stdio.h>
#include <string.h>

#include "base/json.h"
#include "base/msg.h"
#include "base/strbuf.h"
#include "http/roster_api.h"
#include "tap.h"

static void test_roster(void)
{
	const char *text = "[{\"jid\":\"bob@example.com\",\"nick\":\"Bob \\\"B\\\" \\u00e9\\ud83d\\ude00\","
			   "\"subscription\":\"both\",\"ask\":\"undefined\",\"group\":\"Friends;Work\"},"
			   " {\"jid\":\"c@x.net\",\"nick\":\"\",\"n\":-1.5e2,\"t\":true,\"z\":null}]";
	struct json_value *v;
	const char *why = json_parse(text, strlen(text), &v, NULL);

	tap_ok(why == NULL, "a get_roster answer parses");
	if (why)
		return;
	tap_is_int(v->type, JSON_ARRAY, "an array");
	tap_is_str(json_string(json_member(v->child, "jid")), "bob@example.com", "jid");
	tap_is_str(json_string(json_member(v->child, "nick")), "Bob \"B\" \xc3\xa9\xf0\x9f\x98\x80",
		   "escapes and a surrogate pair decoded");
	tap_is_str(json_string(json_member(v->child, "group")), "Friends;Work", "group");
	tap_ok(json_member(v->child->next, "n")->number == -150.0, "a number");
	tap_ok(json_member(v->child->next, "t")->boolean, "true");
	tap_is_int(json_member(v->child->next, "z")->type, JSON_NULL, "null");
	tap_ok(json_member(v->child, "missing") == NULL, "no such member");
	json_free(v);
}

static void test_refused(void)
{
	static const struct {
		const char *text;
		const char *why;
	} cases[] = {
		{ "", "expected a value" },
		{ "[1,]", "expected a value" },
		{ "{\"a\" 1}", "expected ':'" },
		{ "[1 2]", "expected ',' or ']'" },
		{ "\"abc", "unterminated string" },
		{ "\"a\\x\"", "unknown escape" },
		{ "\"\\u0000\"", "\\u0000 in a string" },
		{ "\"\\ud83d\"", "high surrogate without its low one" },
		{ "\"\\ude00\"", "lone low surrogate" },
		{ "\"\xc3\x28\"", "invalid UTF-8 in a string" },
		{ "\"a\tb\"", "control character in a string" },
		{ "01", "text after the value" },
		{ "1.", "bad number" },
		{ "tru", "unknown word" },
		{ "0 0", "text after the value" },
	};
	char deep[200];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct json_value *v = NULL;
		const char *why = json_parse(cases[i].text, strlen(cases[i].text), &v, NULL);
		tap_is_str(why ? why : "(parsed)", cases[i].why, cases[i].text);
		tap_ok(v == NULL, "nothing returned");
	}
	memset(deep, '[', sizeof(deep));
	{
		struct json_value *v;
		tap_is_str(json_parse(deep, sizeof(deep), &v, NULL), "nested too deeply", "200 levels refused");
	}
}

static void test_escape(void)
{
	struct strbuf b = STRBUF_INIT;

	json_add_string(&b, "a\"b\\c\n\x01\xc3\xa9");
	tap_is_str(b.buf, "\"a\\\"b\\\\c\\u000a\\u0001\xc3\xa9\"", "a string escaped for a request");
	strbuf_release(&b);
}

/* ejabberd's get_roster: one entry per group of an item. */
static void test_roster_api(void)
{
	const char *text = "[{\"jid\":\"bob@example.com\",\"nick\":\"Bob\",\"subscription\":\"to\",\"group\":\"A\"},"
			   "{\"jid\":\"BOB@example.com\",\"nick\":\"Bob\",\"subscription\":\"to\",\"group\":\"B;A\"},"
			   "{\"jid\":\"c@example.com\",\"nick\":\"\",\"group\":\"\"}]";
	struct json_value *v;
	struct roster_item it;
	struct strbuf b = STRBUF_INIT;
	struct http_result bad = { .code = 401, .body = "{\"status\":\"error\",\"message\":\"No\"}" };
	struct http_result odd = { .code = 200, .body = "1" };

	bad.len = strlen(bad.body);
	odd.len = 1;
	if (json_parse(text, strlen(text), &v, NULL))
		return;
	roster_item_gather(v, "Bob@Example.com", &it);
	tap_ok(it.there, "gather: an item of two entries is there");
	tap_is_str(it.groups.buf, "A;B", "gather: its groups merged, each once");
	tap_is_str(it.subscription, "to", "gather: subscription");
	tap_ok(!roster_groups_add(&it.groups, "B;A"), "groups_add: nothing new");
	tap_ok(roster_groups_add(&it.groups, "C"), "groups_add: a new group");
	tap_is_str(it.groups.buf, "A;B;C", "groups_add: appended");
	roster_item_release(&it);
	roster_item_gather(v, "c@example.com", &it);
	tap_ok(it.there && it.groups.len == 0 && !strcmp(it.subscription, "none"), "gather: no group, no subscription");
	roster_item_release(&it);
	roster_item_gather(v, "nobody@example.com", &it);
	tap_ok(!it.there, "gather: an absent item");
	roster_item_release(&it);
	json_free(v);

	roster_api_item_body(&b, "alice", "example.com", "bob", "example.com", "B \"x\"", "A;B", "both");
	tap_is_str(b.buf, "{\"localuser\":\"alice\",\"localhost\":\"example.com\",\"user\":\"bob\",\"host\":\"example.com\","
		   "\"nick\":\"B \\\"x\\\"\",\"group\":\"A;B\",\"subs\":\"both\"}", "add_rosteritem body");
	roster_api_item_body(&b, "alice", "example.com", "bob", "example.com", NULL, NULL, NULL);
	tap_is_str(b.buf, "{\"localuser\":\"alice\",\"localhost\":\"example.com\",\"user\":\"bob\",\"host\":\"example.com\"}",
		   "delete_rosteritem body");
	roster_api_user_body(&b, NULL, "example.com");
	tap_is_str(b.buf, "{\"host\":\"example.com\"}", "registered_users body");
	tap_is_str(roster_api_problem(&bad, false, &b), "HTTP 401: No", "a refusal with the server's message");
	tap_is_str(roster_api_problem(&odd, true, &b), "the server answered 1, not 0", "a change not confirmed");
	tap_ok(roster_api_problem(&odd, false, &b) == NULL, "a good answer");
	strbuf_release(&b);
}

int main(int argc, char **argv)
{
	(void)argc;
	msg_init(argv[0]);
	test_roster();
	test_refused();
	test_escape();
	test_roster_api();
	return tap_done();
}
