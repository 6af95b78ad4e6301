/*
 * route_checks.h - the offline checks of IM and Presence static routes
 * (SPEC.md section 8): each pattern well written and its domain
 * reversed, route type Domain, TLS on 5061 toward Microsoft, a backup
 * route for each Microsoft domain, no route shadowing another, every
 * Microsoft domain covered.
 *
 * How IM and Presence picks a route, as these checks assume it: of the
 * patterns that match the destination, the most specific (the most
 * characters that are not "*"); among its routes the lowest priority
 * number, weight sharing the load within a priority.
 */
#ifndef FEDCHECK_ROUTE_CHECKS_H
#define FEDCHECK_ROUTE_CHECKS_H

#include "domain/static_route.h"
#include "finding.h"
#include "settings.h"

void route_checks(const struct fed_settings *s, const struct route_table *t, struct findings *out);

#endif
