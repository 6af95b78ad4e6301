/*
 * settings.h - what ucmig-fedcheck was asked to check, from its options.
 *
 * Ownership: the strings are argv's; the domain lists are the settings'.
 */
#ifndef FEDCHECK_SETTINGS_H
#define FEDCHECK_SETTINGS_H

#include <stdbool.h>

#include "domain/domain_list.h"

enum fed_format { FORMAT_TEXT, FORMAT_JSON };   /* --format's choices, in order */

struct fed_settings {
	const char *routes;          /* --routes: IM and Presence static routes */
	const char *expressway;      /* --expressway: search rules */
	const char *fed_fqdn;        /* --fed-fqdn: Federation Routing IM/P FQDN */
	const char *dns;             /* --dns ADDRESS[:PORT], NULL: the system's */
	const char *ca;              /* --ca: trusted CAs, NULL: the system's */
	int format;                  /* enum fed_format: --format text|json */
	struct domain_list domains;  /* --domains: presence domains */
	struct domain_list ms_domains; /* --ms-domains, else a copy of domains */
	bool live, strict;
	long timeout_s;              /* --probe-timeout, per network step */
	long expiry_warn_days;       /* --expiry-warn */
};

#endif
