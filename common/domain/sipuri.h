/*
 * sipuri.h - SIP URIs of users, IM addresses and presence domains.
 *
 * Rules (SPEC.md sections 2 and 3):
 *  - a user URI is "sip:user@host"; the "sip:" prefix may be missing on
 *    input and is added; the scheme is matched case-insensitively;
 *  - the user part may not contain '@' or ':'. "sip@chuck@example.com" is
 *    therefore rejected: its scheme separator is missing, and guessing
 *    would migrate the wrong person;
 *  - hosts must be domain names: labels of letters, digits and '-', none
 *    starting or ending with '-', each at most 63, an alphabetic TLD of 2+;
 *  - URIs compare case-insensitively in all parts (sipuri_key);
 *  - an IM address splits at its LAST '@' ("bjones@usa@example.com" is
 *    user "bjones@usa" in "example.com").
 * Parameters (";transport=tls") and headers are not user URIs: rejected.
 */
#ifndef UCMIG_SIPURI_H
#define UCMIG_SIPURI_H

#include <stdbool.h>
#include <stddef.h>

#include "base/strbuf.h"

/* Characters in a user part at most: IM and Presence's User ID limit. */
#define SIPURI_USER_MAX 132

/* Parse text as a user's SIP URI. On success write the normalised form
 * ("sip:" + user + "@" + lowercase host) to out and return NULL; on
 * failure return a static reason for the message. */
const char *sipuri_parse(const char *text, size_t len, struct strbuf *out);
/* The address in a URI, without "sip:" (as UserAtHost and Buddy hold
 * it); a text without the prefix is returned as it is. */
const char *sipuri_address(const char *uri);
/* Comparison key of a normalised URI: all of it in ASCII lowercase. */
void sipuri_key(const char *uri, struct strbuf *out);
/* Is domain a valid presence domain? Returns NULL or the reason. */
const char *domain_check(const char *domain, size_t len);
/* Split an IM address at its last '@'. Returns false if there is none or
 * either side is empty. */
bool imaddr_split(const char *addr, size_t len, size_t *user_len,
		  const char **domain, size_t *domain_len);

#endif
