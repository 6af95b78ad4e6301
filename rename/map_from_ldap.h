/*
 * map_from_ldap.h - a BAT rename file built from Active Directory
 * (--map-from-ldap): for each user of a user list, the old ID is their
 * msRTCSIP-PrimaryUserAddress (without "sip:"), the new one their IM and
 * Presence address, sAMAccountName@--domain (--im-address userid) or
 * mail (--im-address mail).
 *
 * Rules: users whose old and new IDs are equal are left out (reported
 * "unchanged"); a user not found, found twice, or without the attribute
 * is reported and left out (exit 1); two users given one new ID, or a
 * new ID that is another user's old one (a chain BAT cannot do), are
 * both left out and reported as conflicts. The file written is a valid
 * BAT rename file (header, CRLF), created 0600, and only complete.
 */
#ifndef UCMIG_RENAME_MAP_FROM_LDAP_H
#define UCMIG_RENAME_MAP_FROM_LDAP_H

#include <stdbool.h>

#include "base/wrapup.h"
#include "ldap/ldap_session.h"

enum im_address { IM_NONE, IM_USERID, IM_MAIL };

struct map_request {
	enum im_address im;
	const char *domain;          /* for IM_USERID, and an assignment export */
	const char *userlist;
	const char *output;
};

int map_from_ldap(const struct map_request *req, const struct ldap_settings *ldap, struct wrapup *w);

#endif
