/*
 * aduser.h - finding Microsoft server users in Active Directory by their
 * SIP address (msRTCSIP-PrimaryUserAddress), and turning "DN:<ou>" lines
 * of a user list into the SIP-enabled users under that OU.
 *
 * Lookups are batched: one paged search with an OR filter per
 * AD_LOOKUP_BATCH users, every value escaped (RFC 4515), so 10,000 users
 * take 100 round trips, not 10,000. Results are matched back to users by
 * the returned address, case-insensitively; an address held by two
 * entries is "ambiguous" and never guessed.
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

struct aduser {
	char *dn;                 /* of the first entry found, or NULL */
	enum ad_enabled enabled;
	unsigned matches;         /* entries holding this address */
	char *address;            /* its msRTCSIP-PrimaryUserAddress, as stored */
	char *account, *mail;     /* sAMAccountName, mail; NULL if absent */
};

/* Look up every URI entry of ul; out has ul->count elements (DN entries
 * stay empty). Returns 0 or an exit status. */
int aduser_lookup(struct ldap_session *s, const struct userlist *ul, struct aduser *out,
		  struct progress *progress);
void aduser_free(struct aduser *users, size_t n);

/* Replace each DN entry of ul by the users under it that are SIP-enabled
 * and enabled: (&(msRTCSIP-PrimaryUserAddress=*)(msRTCSIP-UserEnabled=TRUE)).
 * A DN that is a whole domain means everyone (SPEC.md section 2): when
 * the run will change something, it goes on only if everyone equals the
 * number of users found there (the administrator's second confirmation,
 * --everyone N, after a first run printed N); otherwise 64 saying N.
 * everyone < 0: not given. Returns 0 or an exit status. */
int aduser_expand_dns(struct ldap_session *s, struct userlist *ul, bool will_change,
		      long everyone);

#endif
