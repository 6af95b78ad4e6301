/*
 * test-rules.c - SIP URIs, domains, IM addresses and the BAT row rules.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/batrow.h"
#include "base/msg.h"
#include "domain/sipuri.h"
#include "tap.h"

static void uri_ok(const char *in, const char *want)
{
	struct strbuf out = STRBUF_INIT;
	const char *why = sipuri_parse(in, strlen(in), &out);
	char name[200];

	snprintf(name, sizeof(name), "'%s' is a SIP URI", in);
	if (tap_ok(!why, name))
		tap_is_str(out.buf, want, "  normalised");
	else
		printf("#   reason: %s\n", why);
	strbuf_release(&out);
}

static void uri_bad(const char *in, const char *want_reason)
{
	struct strbuf out = STRBUF_INIT;
	const char *why = sipuri_parse(in, strlen(in), &out);
	char name[200];

	snprintf(name, sizeof(name), "'%s' is refused", in);
	tap_like(why, want_reason, name);
	strbuf_release(&out);
}

static void test_sipuri(void)
{
	struct strbuf key = STRBUF_INIT;
	const char *d;
	size_t ulen, dlen;

	uri_ok("sip:alice@example.com", "sip:alice@example.com");
	uri_ok("alice@example.com", "sip:alice@example.com");
	uri_ok("SIP:Alice.Smith@Example.COM", "sip:Alice.Smith@example.com");
	uri_ok("sip:o'brien+test@sub-1.example.co", "sip:o'brien+test@sub-1.example.co");
	uri_bad("sip@chuck@example.com", "more than one '@' (is the 'sip:' scheme separator missing?)");
	uri_bad("sip:alice", "no '@'");
	uri_bad("sip:@example.com", "empty user part");
	uri_bad("tel:+15551234@example.com", "':' in the user part");
	uri_bad("sips:alice@example.com", "sips:");
	uri_bad("sip:alice@example.com;transport=tls", "parameters");
	uri_bad("sip:alice@example.com:5061", "port");
	uri_bad("sip:al ice@example.com", "space or control");
	/* '*', '(', ')' and '=' are RFC 3261 user characters: accepted here, and
	 * every tool must escape them where they go into a filter. */
	uri_ok("sip:*)(uid=*@example.com", "sip:*)(uid=*@example.com");
	uri_bad("sip:alice@exa_mple.com", "only letters, digits");
	uri_bad("sip:alice@example.c0m", "top-level domain");
	uri_bad("sip:alice@-example.com", "starts or ends with '-'");
	uri_bad("sip:alice@example..com", "empty label");
	uri_bad("", "empty SIP URI");

	sipuri_key("sip:Alice@Example.com", &key);
	tap_is_str(key.buf, "sip:alice@example.com", "comparison key is all lowercase");
	strbuf_release(&key);

	tap_ok(imaddr_split("bjones@usa@example.com", 22, &ulen, &d, &dlen) && ulen == 10 &&
	       dlen == 11 && strncmp(d, "example.com", dlen) == 0,
	       "IM address splits at the LAST '@'");
	tap_ok(!imaddr_split("nodomain", 8, &ulen, &d, &dlen), "no '@': no split");
	tap_ok(!imaddr_split("user@", 5, &ulen, &d, &dlen), "empty domain: no split");
	tap_ok(domain_check("a.bc", 4) == NULL, "two-letter TLD accepted");
	char label[80];
	memset(label, 'a', 64);
	strcpy(label + 64, ".com");
	tap_like(domain_check(label, strlen(label)), "longer than 63", "64-letter label refused");
	tap_ok(domain_check(label + 1, strlen(label + 1)) == NULL, "63-letter label accepted");
}

/* A string of n copies of a UTF-8 character (to test character limits). */
static char *repeat(const char *ch, size_t n)
{
	size_t len = strlen(ch);
	char *s = malloc(len * n + 1);

	for (size_t i = 0; i < n; i++)
		memcpy(s + i * len, ch, len);
	s[len * n] = '\0';
	return s;
}

static enum bat_problem check(struct bat_row row, enum bat_field *where, struct strbuf *detail)
{
	strbuf_reset(detail);
	return bat_row_validate(&row, where, detail);
}

static void test_batrow(void)
{
	struct bat_row good = { .field = { "alice", "example.com", "bob", "example.com", "Bob", "Contacts", NULL } };
	struct strbuf detail = STRBUF_INIT;
	enum bat_field where;
	struct bat_row r;
	static const struct { int field; size_t max; } limits[] = {
		{ BAT_USER_ID, 132 }, { BAT_CONTACT_ID, 132 }, { BAT_NICKNAME, 255 }, { BAT_GROUP, 255 },
	};

	tap_is_int(check(good, &where, &detail), BAT_OK, "a good row passes");
	for (size_t i = 0; i < sizeof(limits) / sizeof(limits[0]); i++) {
		char name[120];
		char *at = repeat("\xC3\xA9", limits[i].max);      /* 2 bytes a character */
		char *over = repeat("\xC3\xA9", limits[i].max + 1);

		r = good;
		r.field[limits[i].field] = at;
		snprintf(name, sizeof(name), "%s of %zu characters passes", bat_field_name[limits[i].field], limits[i].max);
		tap_is_int(check(r, &where, &detail), BAT_OK, name);
		r.field[limits[i].field] = over;
		snprintf(name, sizeof(name), "%s of %zu characters is too long", bat_field_name[limits[i].field], limits[i].max + 1);
		tap_is_int(check(r, &where, &detail), BAT_TOO_LONG, name);
		tap_is_int(where, limits[i].field, "  the field is named");
		free(at);
		free(over);
	}
	/* Domains: 128 characters at most, and domain syntax. */
	char *dom = repeat("a", 124);
	memcpy(dom + 120, ".com", 5);
	r = good;
	r.field[BAT_CONTACT_DOMAIN] = dom;
	tap_is_int(check(r, &where, &detail), BAT_BAD_DOMAIN, "contact domain with a label over 63 refused");
	free(dom);
	char *longdom = malloc(140);
	strcpy(longdom, "");
	for (int i = 0; i < 4; i++)
		strcat(longdom, "abcdefghijklmnopqrstuvwxyzabcdefg."); /* 34 each */
	strcat(longdom, "com");                                     /* 139 */
	r.field[BAT_CONTACT_DOMAIN] = longdom;
	tap_is_int(check(r, &where, &detail), BAT_TOO_LONG, "contact domain over 128 characters");
	r.field[BAT_CONTACT_DOMAIN] = longdom + 11;                 /* 128 */
	tap_is_int(check(r, &where, &detail), BAT_OK, "contact domain of exactly 128 characters");
	free(longdom);

	r = good;
	r.field[BAT_CONTACT_DOMAIN] = "partner_net";
	tap_is_int(check(r, &where, &detail), BAT_BAD_DOMAIN, "invalid contact domain refused");
	tap_like(detail.buf, "Contact Domain 'partner_net'", "  detail names field and value");
	r = good;
	r.field[BAT_USER_DOMAIN] = "example";
	tap_is_int(check(r, &where, &detail), BAT_BAD_DOMAIN, "user domain without TLD refused");
	r = good;
	r.field[BAT_GROUP] = "";
	tap_is_int(check(r, &where, &detail), BAT_MISSING, "empty Group Name refused");
	tap_is_int(where, BAT_GROUP, "  and named");
	r = good;
	r.field[BAT_NICKNAME] = "";
	tap_is_int(check(r, &where, &detail), BAT_OK, "empty Nickname allowed");
	r.field[BAT_NICKNAME] = "tab\there";
	tap_is_int(check(r, &where, &detail), BAT_BAD_TEXT, "control character refused");
	r = good;
	r.field[BAT_CONTACT_ID] = "ALICE";
	r.field[BAT_CONTACT_DOMAIN] = "Example.com";
	tap_is_int(check(r, &where, &detail), BAT_SELF_CONTACT, "self-contact refused, any case");
	r = good;
	r.field[BAT_STATE] = "both";
	tap_is_int(check(r, &where, &detail), BAT_OK, "State 'both' accepted");
	r.field[BAT_STATE] = "subscribed";
	tap_is_int(check(r, &where, &detail), BAT_BAD_STATE, "unknown State refused");

	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	r = good;
	r.field[BAT_NICKNAME] = "Smith, John";
	bat_row_write(fp, &r, false);
	r.field[BAT_STATE] = "to";
	bat_row_write(fp, &r, true);
	bat_header_write(fp, false);
	fclose(fp);
	tap_is_str(buf, "alice,example.com,bob,example.com,\"Smith, John\",Contacts\r\n"
			"alice,example.com,bob,example.com,\"Smith, John\",Contacts,to\r\n"
			"User ID,User Domain,Contact ID,Contact Domain,Nickname,Group Name\r\n",
		   "rows: 6 or 7 columns, quoted where needed; header");
	free(buf);

	struct strbuf id = STRBUF_INIT, domain = STRBUF_INIT;
	tap_ok(bat_split_address("bjones@usa@example.com", &id, &domain) &&
	       strcmp(id.buf, "bjones@usa") == 0 && strcmp(domain.buf, "example.com") == 0,
	       "BAT split: User ID bjones@usa, User Domain example.com");
	strbuf_release(&id);
	strbuf_release(&domain);
	strbuf_release(&detail);
}

int main(void)
{
	msg_init("test-rules");
	test_sipuri();
	test_batrow();
	return tap_done();
}
