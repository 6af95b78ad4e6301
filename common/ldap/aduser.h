/*
 * aduser.h - finding users in Active Directory, and turning "DN:<ou>"
 * lines of a user list into the users under that OU.
 *
 * A user list holds SIP URIs; what a URI is matched against is the
 * query's: the SIP address itself (msRTCSIP-PrimaryUserAddress: the
 * Microsoft server's users), or, for users the Microsoft server never
 * knew, their IM address: `mail` (the URI's address), or `sAMAccountName`
 * (the URI's user part, its host being the IM address domain given).
 * Look-ups by mail or account name see user objects only
 * (objectClass=user): AD's contacts and groups carry mail too.
 *
 * Lookups are batched: one paged search with an OR filter per
 * AD_LOOKUP_BATCH users, every value escaped (RFC 4515), so 10,000 users
 * take 100 round trips, not 10,000. Results are matched back to users
 * case-insensitively (sipuri_key); a URI matched by two entries is
 * counted, its first two DNs kept, and never guessed between.
 *
 * Ownership: aduser_free releases the strings of an array the caller
 * allocated with one element per user list entry.
 */
#ifndef UCMIG_ADUSER_H
#define UCMIG_ADUSER_H

#include "ldap/ldap_session.h"
#include "base/progress.h"
#include "domain/userlist.h"

#define AD_ATTR_ADDRESS "msRTCSIP-PrimaryUserAddress"
#define AD_ATTR_ENABLED "msRTCSIP-UserEnabled"
#define AD_ATTR_ACCOUNT "sAMAccountName"
#define AD_ATTR_MAIL "mail"

enum ad_enabled { AD_ENABLED_ABSENT = -1, AD_ENABLED_FALSE = 0, AD_ENABLED_TRUE = 1 };

enum aduser_key {
	AD_BY_ADDRESS,   /* msRTCSIP-PrimaryUserAddress = the URI */
	AD_BY_MAIL,      /* mail = the URI's address */
	AD_BY_ACCOUNT,   /* sAMAccountName = the URI's user part */
};

struct aduser_query {
	enum aduser_key by;
	const char *domain;      /* AD_BY_ACCOUNT: the IM address domain */
};

struct aduser {
	char *dn;                 /* of the first entry found, or NULL */
	char *other_dn;           /* of a second one, or NULL */
	enum ad_enabled enabled;
	unsigned matches;         /* entries matching the URI */
	char *uri;                /* the URI the entry matched by, made from
	                             the attribute as stored (normalised) */
	char *address;            /* its msRTCSIP-PrimaryUserAddress as stored,
	                             or NULL if it has none */
	char *account, *mail;     /* sAMAccountName, mail; NULL if absent */
};

/* Look up every URI entry of ul by its SIP address; out has ul->count
 * elements (DN entries stay empty). Returns 0 or an exit status. */
int aduser_lookup(struct ldap_session *s, const struct userlist *ul, struct aduser *out,
		  struct progress *progress);
/* The same, matching as q says. */
int aduser_lookup_by(struct ldap_session *s, const struct userlist *ul,
		     const struct aduser_query *q, struct aduser *out, struct progress *progress);
/* Read one entry by its DN: out->matches is 0 if there is none. */
int aduser_read(struct ldap_session *s, const char *dn, struct aduser *out);
void aduser_free(struct aduser *users, size_t n);
void aduser_clear(struct aduser *u);

/* Replace each DN entry of ul by the users under it that are SIP-enabled
 * and enabled: (&(msRTCSIP-PrimaryUserAddress=*)(msRTCSIP-UserEnabled=TRUE)).
 * A DN that is a whole domain means everyone (SPEC.md section 2): when
 * the run will change something, it goes on only if everyone equals the
 * number of users found there (the administrator's second confirmation,
 * --everyone N, after a first run printed N); otherwise 64 saying N.
 * everyone < 0: not given. Returns 0 or an exit status. */
int aduser_expand_dns(struct ldap_session *s, struct userlist *ul, bool will_change,
		      long everyone);
/* The option row every tool that expands DN: lines has, written once:
 * --everyone N into field f (a long, -1 when not given) of settings T. */
#define OPT_EVERYONE(T, f) \
	OPT_NUMBER("everyone", 0, "N", "confirm that a DN: line naming a whole domain means all N users found there", \
		   T, f, 0, 10000000)
/* The same for every user object under each DN, SIP-enabled or not,
 * each becoming the URI q makes of it (sip: + mail, or sip: +
 * sAMAccountName@domain). Users without one (no mail) are left out and
 * counted in a warning naming the first of them. */
int aduser_expand_users(struct ldap_session *s, struct userlist *ul, const struct aduser_query *q,
			bool will_change, long everyone);

#endif
