/*
 * rule_checks.h - the offline checks of Expressway search rules: each
 * regular expression compiles; dots between domain labels are escaped
 * (".*@msexample.com" also matches "msexampleXcom"); and, with
 * --fed-fqdn, an enabled rule matches the Federation Routing IM/P FQDN,
 * which Expressway-C needs to route NOTIFYs to IM and Presence.
 */
#ifndef FEDCHECK_RULE_CHECKS_H
#define FEDCHECK_RULE_CHECKS_H

#include "domain/search_rule.h"
#include "finding.h"
#include "settings.h"

void rule_checks(const struct fed_settings *s, const struct rule_set *rules, struct findings *out);

#endif
