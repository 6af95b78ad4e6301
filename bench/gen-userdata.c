/*
 * gen-userdata - write a synthetic Export-CsUserData DocItemSet.xml of
 * USERS users with CONTACTS contacts each to stdout, for benchmarks and
 * scale tests. Structure as in examples/make-examples.sh: base64 names,
 * a default '~' group, a named group and a distribution list per user;
 * every other contact is in two groups.
 *
 * usage: gen-userdata USERS CONTACTS
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void b64(const char *in, char *out)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t len = strlen(in), o = 0;

	for (size_t i = 0; i < len; i += 3) {
		unsigned long n = (unsigned long)(unsigned char)in[i] << 16;
		if (i + 1 < len) n |= (unsigned long)(unsigned char)in[i + 1] << 8;
		if (i + 2 < len) n |= (unsigned char)in[i + 2];
		out[o++] = a[(n >> 18) & 63];
		out[o++] = a[(n >> 12) & 63];
		out[o++] = i + 1 < len ? a[(n >> 6) & 63] : '=';
		out[o++] = i + 2 < len ? a[n & 63] : '=';
	}
	out[o] = '\0';
}

int main(int argc, char **argv)
{
	char name[64], enc[96], team[96], tilde[8], dl[160];
	long users, contacts;

	if (argc != 3 || (users = atol(argv[1])) <= 0 || (contacts = atol(argv[2])) < 0) {
		fprintf(stderr, "usage: gen-userdata USERS CONTACTS\n");
		return 64;
	}
	b64("~", tilde);
	b64("Project Team \xC3\x89quipe", team);
	b64("<groupExtension groupType=\"dg\"><email>dl@example.com</email></groupExtension>", dl);
	printf("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<DocItemSet Version=\"1\">\n");
	for (long u = 0; u < users; u++) {
		printf("<DocItem Name=\"urn:lcd:user%ld@example.com\"><Data><HomedResource>\n"
		       "<ContactGroups><ContactGroup Number=\"1\" DisplayName=\"%s\" ExternalUri=\"\"/>"
		       "<ContactGroup Number=\"2\" DisplayName=\"%s\" ExternalUri=\"\"/>"
		       "<ContactGroup Number=\"3\" DisplayName=\"%s\" ExternalUri=\"%s\"/></ContactGroups>\n<Contacts>\n",
		       u, tilde, team, tilde, dl);
		for (long c = 0; c < contacts; c++) {
			long buddy = (u + c + 1) % (users > contacts ? users : contacts + 1);
			snprintf(name, sizeof(name), "User Number %ld", buddy);
			b64(name, enc);
			printf("<Contact Buddy=\"user%ld@example.com\" DisplayName=\"%s\" Groups=\"%s\"/>\n",
			       buddy, enc, c % 2 ? "1 2" : "1");
		}
		printf("</Contacts></HomedResource></Data></DocItem>\n");
	}
	printf("</DocItemSet>\n");
	return ferror(stdout) ? 74 : 0;
}
