/*
 * test-federation.c - the rules under ucmig-fedcheck's offline checks:
 * IM and Presence destination patterns (matching, specificity, reversed
 * domains), Expressway regular expressions (translation, whole-alias
 * matching, unescaped dots), domain lists, and the SIP answer parser.
 */
#include <stdio.h>
#include <string.h>

#include "domain/domain_list.h"
#include "domain/search_rule.h"
#include "domain/sip_message.h"
#include "domain/static_route.h"
#include "tap.h"

static void test_pattern_match(void)
{
	static const struct {
		const char *pattern, *text;
		bool match;
	} cases[] = {
		{ ".com.example", ".com.example", true },
		{ ".com.example", ".COM.Example", true },
		{ ".com.example", ".com.examplex", false },
		{ ".com.example", "xcom.example", true },      /* '.' is any one character */
		{ ".com.example.*", ".com.example.sub", true },
		{ ".com.example.*", ".com.example.", true },
		{ ".com.example.*", ".com.example", false },
		{ ".com.*.sub", ".com.example.sub", true },
		{ "*", "", true },
		{ "a*b*c", "axxbyyc", true },
		{ "a*b*c", "axxbyy", false },
		{ "a\\*", "a*", true },
		{ "a\\*", "ab", false },
		{ "", "", true },
		{ "", "a", false },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char name[128];

		snprintf(name, sizeof(name), "'%s' %s '%s'", cases[i].pattern,
			 cases[i].match ? "matches" : "does not match", cases[i].text);
		tap_ok(route_pattern_match(cases[i].pattern, cases[i].text) == cases[i].match, name);
	}
}

static void test_pattern_rules(void)
{
	struct strbuf sb;
	size_t at = 0;
	char long_pattern[300];

	strbuf_init(&sb);
	tap_is_int((long long)route_pattern_specificity(".com.example.*"), 13, "specificity counts all but '*'");
	tap_is_int((long long)route_pattern_specificity("a\\*"), 2, "an escaped star is a character");
	route_pattern_sample(".com.example.*", &sb);
	tap_is_str(sb.buf, ".com.example.#", "a sample stands '#' for each '*'");
	tap_ok(route_pattern_error(".com.ex-am_ple.*", &at) == NULL, "letters, digits, - _ . * are well written");
	tap_like(route_pattern_error(".com.ex ample", &at), "character", "a space is not");
	tap_is_int((long long)at, 7, "and its offset is given");
	tap_like(route_pattern_error("a\\b", &at), "escapes nothing but", "'\\' only before '*'");
	tap_like(route_pattern_error("a\\", &at), "escapes nothing but", "nor at the end");
	memset(long_pattern, 'a', 256);
	long_pattern[256] = '\0';
	tap_like(route_pattern_error(long_pattern, &at), "longer than 255", "256 characters are too many");
	long_pattern[255] = '\0';
	tap_ok(route_pattern_error(long_pattern, &at) == NULL, "255 are fine");
	domain_reversed("sub.example.com", &sb);
	tap_is_str(sb.buf, ".com.example.sub", "a domain reversed into its pattern");
	tap_ok(route_pattern_labels(".com.example.*", &sb) && strcmp(sb.buf, "com.example") == 0,
	       "the labels of an interdomain pattern");
	tap_ok(!route_pattern_labels(".com.*.sub", &sb), "no labels with a wildcard inside");
	tap_ok(!route_pattern_labels(".", &sb), "no labels in '.'");
	labels_reversed("com.example", 11, &sb);
	tap_is_str(sb.buf, "example.com", "labels in the other order");
	labels_reversed("com", 3, &sb);
	tap_is_str(sb.buf, "com", "one label stays");
	strbuf_release(&sb);
}

static void test_rules(void)
{
	struct search_rule r = { .pattern = ".*@msexample\\.com", .mode = MODE_PATTERN, .type = PATTERN_REGEX };
	struct strbuf sb;
	regex_t re;

	strbuf_init(&sb);
	tap_ok(search_rule_matches(&r, "alice@msexample.com"), "a regex rule matches its alias");
	tap_ok(!search_rule_matches(&r, "alice@msexample.com.evil"), "the whole alias, not a part of it");
	tap_ok(!search_rule_matches(&r, "alice@msexampleXcom"), "an escaped dot is a dot");
	r.pattern = "(?:\\d{4})@example\\.com";
	tap_ok(search_rule_matches(&r, "1234@example.com"), "\\d and (?: are translated");
	tap_ok(!search_rule_matches(&r, "12a4@example.com"), "\\d is a digit only");
	r.pattern = "[\\d]x";
	tap_ok(search_rule_compile(r.pattern, &re, &sb) == 0, "inside brackets \\d is left to regcomp");
	regfree(&re);
	tap_ok(search_rule_compile("(unclosed", &re, &sb) != 0 && sb.len > 0, "a bad regex says why");
	strbuf_reset(&sb);
	tap_ok(search_rule_compile("a++", &re, &sb) != 0, "a repeat of a repeat is refused");
	tap_like(sb.buf, "a repeat of a repeat", "saying so");
	strbuf_reset(&sb);
	tap_ok(search_rule_compile("(a{100}){101}", &re, &sb) != 0, "bounds multiplying past 10000 are refused");
	tap_like(sb.buf, "multiply past 10000", "saying so");
	tap_ok(search_rule_compile("(a{100}){100}", &re, &sb) == 0, "10000 is accepted");
	regfree(&re);
	{
		/* 20,000 nested parentheses crashed glibc's regcomp (SIGSEGV). */
		struct strbuf deep = STRBUF_INIT;

		for (int i = 0; i < 20000; i++)
			strbuf_addch(&deep, '(');
		strbuf_addch(&deep, 'a');
		for (int i = 0; i < 20000; i++)
			strbuf_addch(&deep, ')');
		strbuf_reset(&sb);
		tap_ok(search_rule_compile(deep.buf, &re, &sb) != 0, "20,000 nested parentheses are refused, not a crash");
		tap_like(sb.buf, "nested deeper than 32", "saying so");
		strbuf_reset(&deep);
		for (int i = 0; i < 32; i++)
			strbuf_addstr(&deep, "(?:");
		strbuf_addch(&deep, 'a');
		for (int i = 0; i < 32; i++)
			strbuf_addch(&deep, ')');
		tap_ok(search_rule_compile(deep.buf, &re, &sb) == 0, "32 levels are accepted");
		regfree(&re);
		strbuf_release(&deep);
	}
	r.disabled = false;
	r.pattern = ".*?@example\\.com";
	tap_ok(search_rule_matches(&r, "bob@example.com"), "a lazy quantifier matches the same whole alias");
	r.disabled = true;
	r.pattern = ".*";
	tap_ok(!search_rule_matches(&r, "x"), "a disabled rule matches nothing");
	r = (struct search_rule){ .pattern = "sip:", .mode = MODE_PATTERN, .type = PATTERN_PREFIX };
	tap_ok(search_rule_matches(&r, "SIP:alice"), "prefix, without case");
	r.type = PATTERN_SUFFIX;
	r.pattern = "@example.com";
	tap_ok(search_rule_matches(&r, "bob@example.com") && !search_rule_matches(&r, "example.com"),
	       "suffix");
	r.mode = MODE_ANY_ALIAS;
	tap_ok(search_rule_matches(&r, "anything"), "any alias matches anything");
	r.mode = MODE_ANY_IP;
	tap_ok(!search_rule_matches(&r, "anything"), "any IP address matches no alias");
	tap_ok(search_rule_escape_dots(".*@msexample.com", &sb), "an unescaped domain dot is found");
	tap_is_str(sb.buf, ".*@msexample\\.com", "and escaped");
	tap_ok(!search_rule_escape_dots(".*@msexample\\.com.*", &sb), "'.*' and escaped dots are fine");
	tap_ok(!search_rule_escape_dots("[a.b]@x", &sb), "dots in brackets are literal already");
	strbuf_release(&sb);
}

static void test_domain_list(void)
{
	struct domain_list l;

	domain_list_init(&l);
	tap_ok(domain_list_parse(&l, "--domains", "Example.COM,partner.example.net,example.com") == 0,
	       "a list parses");
	tap_is_int((long long)l.n, 2, "each domain once, without case");
	tap_is_str(l.name[0], "example.com", "kept in lower case");
	tap_stderr_begin();
	tap_ok(domain_list_parse(&l, "--domains", "ok.example,bad_domain") == 64, "a bad name is 64");
	tap_like(tap_stderr_end(), "--domains: 'bad_domain' is not a domain name", "naming it");
	tap_ok(!domain_name_valid("-a.example", 10), "a label does not start with '-'");
	tap_ok(!domain_name_valid("a..example", 10), "nor is empty");
	tap_ok(domain_name_valid("a-1.example", 11), "digits and inner '-' are fine");
	domain_list_free(&l);
}

static void test_sip_response(void)
{
	static const char answer[] = "SIP/2.0 403 Forbidden\r\nVia: x\r\nserver:  kam\001ailio \r\n\r\n";
	struct strbuf status, server;
	bool complete = true;
	unsigned code = 0;

	strbuf_init(&status);
	strbuf_init(&server);
	tap_ok(sip_response_parse(answer, 10, &complete, &code, &status, &server) && !complete,
	       "the start of an answer asks for more");
	tap_ok(sip_response_parse(answer, sizeof(answer) - 1, &complete, &code, &status, &server) && complete,
	       "a whole header block is parsed");
	tap_is_int(code, 403, "the code");
	tap_is_str(status.buf, "403 Forbidden", "the status");
	tap_is_str(server.buf, "kam?ailio", "the Server header, trimmed, unprintables replaced");
	tap_ok(!sip_response_parse("HTTP/1.1 200 OK\r\n\r\n", 19, &complete, &code, &status, &server),
	       "HTTP is not SIP");
	strbuf_reset(&status);
	sip_options_request(&status, "sipfed.example.com", 5061, true, "127.0.0.1:4000", "example.com", 0xab);
	tap_like(status.buf, "OPTIONS sip:sipfed.example.com:5061;transport=tls SIP/2.0\r\n"
		 "Via: SIP/2.0/TLS 127.0.0.1:4000;branch=z9hG4bK-ucmig-ab;rport\r\n", "the request line and Via");
	tap_like(status.buf, "Content-Length: 0\r\n\r\n", "ends with an empty body");
	strbuf_release(&status);
	strbuf_release(&server);
}

int main(void)
{
	test_sip_response();
	test_pattern_match();
	test_pattern_rules();
	test_rules();
	test_domain_list();
	return tap_done();
}
