/*
 * sipuri.c - see sipuri.h.
 */
#include "domain/sipuri.h"

#include "base/utf8.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

const char *domain_check(const char *d, size_t len)
{
	size_t label_start = 0;
	bool tld_alpha = true;

	if (len == 0)
		return "empty domain";
	if (len > 253)
		return "domain longer than 253 characters";
	if (!memchr(d, '.', len))
		return "domain needs at least two labels (example.com)";
	for (size_t i = 0; i <= len; i++) {
		if (i == len || d[i] == '.') {
			size_t n = i - label_start;
			if (n == 0)
				return "empty label in domain";
			if (n > 63)
				return "domain label longer than 63 characters";
			if (d[label_start] == '-' || d[i - 1] == '-')
				return "domain label starts or ends with '-'";
			if (i == len && (n < 2 || !tld_alpha))
				return "top-level domain must be 2 or more letters";
			label_start = i + 1;
			tld_alpha = true;
			continue;
		}
		unsigned char c = (unsigned char)d[i];
		if (!isalnum(c) && c != '-')
			return "domain may hold only letters, digits, '-' and '.'";
		if (!isalpha(c))
			tld_alpha = false;
	}
	return NULL;
}

bool imaddr_split(const char *addr, size_t len, size_t *user_len,
		  const char **domain, size_t *domain_len)
{
	const char *at = NULL;

	for (size_t i = len; i > 0; i--)
		if (addr[i - 1] == '@') {
			at = addr + i - 1;
			break;
		}
	if (!at || at == addr || at == addr + len - 1)
		return false;
	*user_len = (size_t)(at - addr);
	*domain = at + 1;
	*domain_len = len - *user_len - 1;
	return true;
}

/* RFC 3261 user: unreserved, escaped and user-unreserved characters. */
static bool is_user_char(unsigned char c)
{
	return isalnum(c) || (c && strchr("-_.!~*'()&=+$,;?/%", c));
}

const char *sipuri_parse(const char *text, size_t len, struct strbuf *out)
{
	const char *user, *at, *host;
	size_t user_len, host_len;
	const char *why;

	if (len >= 4 && strncasecmp(text, "sip:", 4) == 0) {
		text += 4;
		len -= 4;
	} else if (len >= 5 && strncasecmp(text, "sips:", 5) == 0) {
		return "sips: URIs are not user addresses; use sip:";
	}
	if (len == 0)
		return "empty SIP URI";
	at = memchr(text, '@', len);
	if (!at)
		return "no '@' in SIP URI";
	if (memchr(at + 1, '@', len - (size_t)(at + 1 - text)))
		return "more than one '@' (is the 'sip:' scheme separator missing?)";
	user = text;
	user_len = (size_t)(at - text);
	host = at + 1;
	host_len = len - user_len - 1;
	if (user_len == 0)
		return "empty user part";
	/* IM and Presence's own limit for a user ID (SPEC.md section 3): a
	 * longer one can never be migrated, and a huge one only costs. */
	if (user_len > 4 * SIPURI_USER_MAX || utf8_length(user, user_len) > SIPURI_USER_MAX)
		return "user part longer than 132 characters (the IM and Presence limit)";
	if (memchr(user, ':', user_len))
		return "':' in the user part (only sip: URIs are accepted)";
	for (size_t i = 0; i < user_len; i++)
		if (!is_user_char((unsigned char)user[i]))
			return (unsigned char)user[i] <= ' ' ? "space or control character in SIP URI"
							       : "character not allowed in the user part";
	if (memchr(host, ';', host_len) || memchr(host, '?', host_len))
		return "URI parameters or headers are not allowed in a user URI";
	if (memchr(host, ':', host_len))
		return "a port is not allowed in a user URI";
	if ((why = domain_check(host, host_len)))
		return why;
	strbuf_reset(out);
	strbuf_addstr(out, "sip:");
	strbuf_add(out, user, user_len);
	strbuf_addch(out, '@');
	for (size_t i = 0; i < host_len; i++)
		strbuf_addch(out, tolower((unsigned char)host[i]));
	return NULL;
}

void sipuri_key(const char *uri, struct strbuf *out)
{
	strbuf_reset(out);
	strbuf_addlower(out, uri);
}

const char *sipuri_address(const char *uri)
{
	return strncasecmp(uri, "sip:", 4) == 0 ? uri + 4 : uri;
}
