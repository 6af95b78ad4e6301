/*
 * dns_checks.h - the live DNS checks of federation (SPEC.md section 8):
 * for each domain, _sipfederationtls._tcp.<domain> exists, has exactly
 * one record (Microsoft uses only the best one: lowest priority, highest
 * weight), port 5061, a target inside the domain's own namespace that
 * resolves; _xmpp-server._tcp.<domain> when there is one; and the
 * Federation Routing IM/P FQDN resolves, is an SRV target, and has no
 * PTR record naming another host.
 *
 * Each SRV target is added to the hosts to probe (host_checks.h).
 */
#ifndef FEDCHECK_DNS_CHECKS_H
#define FEDCHECK_DNS_CHECKS_H

#include "finding.h"
#include "host_checks.h"
#include "settings.h"

/* 0, or 64 for a --dns that is no address. */
int dns_checks(const struct fed_settings *s, struct findings *out, struct host_targets *hosts);

#endif
