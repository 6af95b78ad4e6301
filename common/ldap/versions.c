/*
 * versions.c - libldap's version for --version (base/versions.h).
 */
#include <ldap.h>
#include <stdio.h>

#include "base/versions.h"
#include "ldap/ldap_session.h"

void ldap_library_versions(struct strbuf *out)
{
	LDAPAPIInfo info = { .ldapai_info_version = LDAP_API_INFO_VERSION };
	char running[32] = "unknown", built[32];

	if (ldap_get_option(NULL, LDAP_OPT_API_INFO, &info) == LDAP_OPT_SUCCESS) {
		snprintf(running, sizeof(running), "%d.%d.%d", info.ldapai_vendor_version / 10000,
			 info.ldapai_vendor_version / 100 % 100, info.ldapai_vendor_version % 100);
		ldap_memfree(info.ldapai_vendor_name);
		for (char **e = info.ldapai_extensions; e && *e; e++)
			ldap_memfree(*e);
		ldap_memfree(info.ldapai_extensions);
	}
	snprintf(built, sizeof(built), "%d.%d.%d", LDAP_VENDOR_VERSION_MAJOR, LDAP_VENDOR_VERSION_MINOR,
		 LDAP_VENDOR_VERSION_PATCH);
	versions_line(out, "libldap (OpenLDAP)", running, built);
}
