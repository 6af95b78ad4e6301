/*
 * test-userlist.c - the user-list formats of SPEC.md section 2.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/exitcode.h"
#include "base/msg.h"
#include "tap.h"
#include "domain/dn.h"
#include "domain/userlist.h"

#define S(lit) lit, sizeof(lit) - 1

static int load(const void *data, size_t len, const char *domain, struct userlist *ul,
		const char **err)
{
	const char *path = tap_tempfile(data, len);
	struct userlist_options opt = { domain };
	int rc;

	userlist_init(ul);
	tap_stderr_begin();
	rc = userlist_load(ul, path, &opt);
	*err = tap_stderr_end();
	unlink(path);
	return rc;
}

static void test_uri_lines(void)
{
	struct userlist ul;
	const char *err;

	tap_is_int(load(S("# batch 1\n\nsip:alice@example.com\n  Bob@Example.COM  \r\n"
			  "sip:ALICE@example.com\nDN: OU=Sales,DC=example,DC=com\n"), NULL, &ul, &err),
		   0, "URIs, comments, blanks, DN lines");
	tap_is_int((long long)ul.count, 3, "three distinct entries");
	tap_is_int((long long)ul.duplicates, 1, "one duplicate (case-insensitive)");
	tap_is_str(ul.entry[0].value, "sip:alice@example.com", "first URI kept as written");
	tap_is_str(ul.entry[1].value, "sip:Bob@example.com", "missing sip: added, host lowercased");
	tap_is_int((long long)ul.entry[1].line, 4, "line number kept");
	tap_is_int(ul.entry[2].kind, USERLIST_DN, "DN entry");
	tap_is_str(ul.entry[2].value, "OU=Sales,DC=example,DC=com", "DN value trimmed");
	tap_ok(userlist_find(&ul, "SIP:BOB@EXAMPLE.COM") != NULL, "lookup ignores case");
	tap_ok(userlist_find(&ul, "sip:carol@example.com") == NULL, "unknown user not found");
	userlist_free(&ul);

	tap_is_int(load(S("sip:alice@example.com\nsip@chuck@example.com\nsip:bob@example.com\n"),
			NULL, &ul, &err), UCMIG_EX_DATAERR, "malformed URI stops the load");
	tap_like(err, ":2: malformed SIP URI 'sip@chuck@example.com': more than one '@'",
		 "message names file, line and the URI");
	userlist_free(&ul);

	tap_is_int(load(S("DN:not a dn\n"), NULL, &ul, &err), UCMIG_EX_DATAERR, "malformed DN refused");
	tap_like(err, ":1: malformed distinguished name", "DN message with line");
	userlist_free(&ul);

	tap_is_int(load(S("\xFF\xFEs\x00i\x00p\x00:\x00"
			  "a\x00@\x00x\x00.\x00i\x00o\x00\r\x00\n\x00"), NULL, &ul, &err),
		   0, "UTF-16LE user list from PowerShell");
	tap_is_str(ul.count ? ul.entry[0].value : "", "sip:a@x.io", "UTF-16LE URI read");
	userlist_free(&ul);
}

/* The DN grammar that replaced libldap's ldap_str2dn in the reader. */
static void test_dn_syntax(void)
{
	static const struct { const char *dn; bool ok; } cases[] = {
		{ "OU=Sales,DC=example,DC=com", true },
		{ "ou=Users, dc=example, dc=com", true },
		{ "CN=Smith\\, John+UID=js,OU=Staff,DC=x,DC=com", true },
		{ "CN=a\\2Cb,DC=x", true },
		{ "1.3.6.1.4.1.1466.0=#04024869,DC=x", true },
		{ "CN=J\xc3\xb6rg,DC=example,DC=com", true },
		{ "not a dn", false },
		{ "", false },
		{ "OU=,DC=x", false },
		{ "OU=Sales,,DC=x", false },
		{ "OU=Sales,DC=x,", false },
		{ "OU=a;b,DC=x", false },
		{ "OU=a\\zz,DC=x", false },
		{ "=Sales,DC=x", false },
		{ "1..2=x", false },
		{ "OU=#zz", false },
		{ "OU=\xff", false },
	};
	char name[96];

	tap_ok(dn_is_domain_root("DC=example,DC=com") && dn_is_domain_root("dc=example, dc=com"),
	       "DC= components only: the whole domain");
	tap_ok(!dn_is_domain_root("OU=Users,DC=example,DC=com") && !dn_is_domain_root("DC=a+CN=b,DC=com"),
	       "an OU or CN in it: not the whole domain");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *why = dn_syntax_check(cases[i].dn, strlen(cases[i].dn));
		snprintf(name, sizeof(name), "DN '%s' %s", cases[i].dn, cases[i].ok ? "accepted" : "refused");
		tap_ok(cases[i].ok ? why == NULL : why != NULL, name);
	}
}

static void test_assignment(void)
{
	struct userlist ul;
	const char *err;
	static const char csv[] = "UserID,Subcluster Name,Node Name\r\n"
				  "alice,Sub1,imp1.example.com\r\n"
				  "bob,Sub1,imp2.example.com\r\n";

	tap_is_int(load(csv, sizeof(csv) - 1, "example.com", &ul, &err), 0,
		   "user assignment export read");
	tap_is_int((long long)ul.count, 2, "two users");
	tap_is_str(ul.entry[0].value, "sip:alice@example.com", "UserID + domain gives the URI");
	tap_is_str(ul.entry[1].node, "imp2.example.com", "node kept");
	tap_is_int((long long)ul.entry[1].line, 3, "line kept");
	userlist_free(&ul);

	tap_is_int(load(csv, sizeof(csv) - 1, NULL, &ul, &err), UCMIG_EX_USAGE,
		   "user assignment without --domain refused");
	tap_like(err, ":1: this is an IM and Presence user assignment export; give --domain",
		 "message says what to do");
	userlist_free(&ul);

	static const char bad[] = "UserID,Subcluster Name,Node Name\nal ice,S,n\n";
	tap_is_int(load(bad, sizeof(bad) - 1, "example.com", &ul, &err), UCMIG_EX_DATAERR,
		   "bad UserID refused");
	tap_like(err, ":2: UserID 'al ice' does not make a SIP URI", "bad UserID message with line");
	userlist_free(&ul);
}

int main(void)
{
	msg_init("test-userlist");
	test_uri_lines();
	test_dn_syntax();
	test_assignment();
	return tap_done();
}
