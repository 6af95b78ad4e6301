/*
 * dn.h - the syntax of an LDAP distinguished name (RFC 4514), checked
 * without libldap, so that reading a user list with "DN:" lines needs no
 * directory library: only a tool that expands them links one.
 *
 * Accepted as ldap-utils and AD accept what administrators type: spaces
 * around ',', '+' and '=' are ignored; attribute types are names
 * (letters, digits, '-') or numeric OIDs; values are strings with RFC
 * 4514 escapes ("\,", "\2C") or '#' hex strings. Refused: an empty DN,
 * an empty value, an unescaped special character (" ; < > \ and a
 * '+' or ',' out of place), a bad escape, invalid UTF-8 or a NUL.
 */
#ifndef UCMIG_DN_H
#define UCMIG_DN_H

#include <stdbool.h>
#include <stddef.h>

/* NULL when s[0..len) is a DN, else a static reason for the message. */
const char *dn_syntax_check(const char *s, size_t len);
/* Is a (valid) DN a whole domain: nothing but DC= components? Under it
 * are everyone, the case SPEC.md section 2 allows only when confirmed. */
bool dn_is_domain_root(const char *dn);

#endif
