/*
 * ucmig-fedcheck - check partitioned intradomain federation before a
 * batch: IM and Presence static routes and Expressway search rules
 * offline; with --live, the DNS records, TLS certificates and SIP
 * reachability of every federation host.
 *
 * Phases: 1 check the options and read every input file (a malformed
 * one: 65 with its line, nothing sent anywhere); 2 the offline checks;
 * 3 with --live, DNS, then every host at once (host_checks.h); 4 the
 * table or JSON on standard output, the report, the summary, and the
 * exit status: 1 if anything FAILs (or WARNs, with --strict).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cmdline.h"
#include "base/exitcode.h"
#include "base/msg.h"
#include "base/wrapup.h"
#include "dns_checks.h"
#include "domain/search_rule.h"
#include "domain/static_route.h"
#include "host_checks.h"
#include "net/resolver.h"
#include "outcome.h"
#include "output.h"
#include "route_checks.h"
#include "tls/stream.h"
#include "rule_checks.h"
#include "settings.h"

enum { OPT_DOMAINS = 1, OPT_MS_DOMAINS, OPT_FED_FQDN, OPT_DNS };

#define S struct fed_settings
static const struct tool_option options[] = {
	OPT_FILE("routes", 0, "FILE", "IM and Presence static routes (CSV export with its header)", S, routes),
	OPT_FILE("expressway", 0, "FILE", "Expressway search rules (CSV with a header)", S, expressway),
	OPT_CALLBACK("domains", 0, "LIST", "the presence domains that must federate (a,b)", OPT_DOMAINS),
	OPT_CALLBACK("ms-domains", 0, "LIST", "the domains hosted on the Microsoft side (default: --domains)", OPT_MS_DOMAINS),
	OPT_CALLBACK("fed-fqdn", 0, "NAME", "the Federation Routing IM/P FQDN", OPT_FED_FQDN),
	OPT_FLAG("live", 0, "also check DNS, TLS and SIP on the network", S, live),
	OPT_CALLBACK("dns", 0, "ADDRESS[:PORT]", "--live: ask this DNS server (default: the system's)", OPT_DNS),
	OPT_FILE("ca", 0, "FILE", "--live: trust these CAs (PEM; default: the system's)", S, ca),
	OPT_NUMBER("probe-timeout", 0, "SECONDS", "--live: bound on each network step (default 5)", S, timeout_s, 1, 300),
	OPT_NUMBER("expiry-warn", 0, "DAYS", "--live: WARN for certificates expiring sooner (default 30)",
		   S, expiry_warn_days, 0, 3650),
	OPT_CHOICE("format", 0, "text|json", "the findings as a table (default) or JSON", S, format),
	OPT_FLAG("strict", 0, "exit 1 on WARN too", S, strict),
	OPT_ALIAS("timeout", "probe-timeout"),
	OPT_END,
};
#undef S

static int handle_option(int id, const char *arg, void *data)
{
	struct fed_settings *s = data;

	switch (id) {
	case OPT_DOMAINS: return domain_list_parse(&s->domains, "--domains", arg);
	case OPT_MS_DOMAINS: return domain_list_parse(&s->ms_domains, "--ms-domains", arg);
	case OPT_FED_FQDN:
		if (!domain_name_valid(arg, strlen(arg)))
			return fail(UCMIG_EX_USAGE, "--fed-fqdn: '%s' is not a host name", arg);
		s->fed_fqdn = arg;
		return 0;
	case OPT_DNS: s->dns = arg; return resolver_server_check(arg);
	}
	return fail(UCMIG_EX_SOFTWARE, "option %d not handled", id);
}

static int check_settings(struct fed_settings *s, int noperands)
{
	int status;

	if (noperands)
		return fail(UCMIG_EX_USAGE, "no operands: name the files with --routes and --expressway");
	if (!s->routes && !s->expressway && !s->live)
		return fail(UCMIG_EX_USAGE, "nothing to check: give --routes, --expressway or --live; see --help");
	if (!s->live && (s->dns || s->ca))
		return fail(UCMIG_EX_USAGE, "--dns and --ca are for --live");
	if (s->ca && (status = stream_ca_check(s->ca)))
		return status;
	if (s->live && !s->domains.n && !s->ms_domains.n && !s->routes && !s->fed_fqdn)
		return fail(UCMIG_EX_USAGE, "--live: give --domains, --fed-fqdn or --routes to know what to check");
	if (!s->ms_domains.n)
		for (size_t i = 0; i < s->domains.n; i++)
			domain_list_add(&s->ms_domains, s->domains.name[i]);
	return 0;
}

/* 3: every next hop a route sends SIP to over TCP or TLS. */
static void add_next_hops(const struct route_table *t, struct host_targets *hosts)
{
	char origin[64];

	for (size_t i = 0; i < t->n; i++) {
		const struct static_route *r = &t->route[i];

		if (r->protocol == ROUTE_UDP)
			continue;            /* route-transport has judged it */
		snprintf(origin, sizeof(origin), "next hop of line %lu", r->line);
		host_targets_add(hosts, r->next_hop, r->port, r->protocol == ROUTE_TLS, origin);
	}
}

static int live_checks(const struct fed_settings *s, const struct route_table *routes,
		       struct findings *found)
{
	struct host_targets hosts;
	int status;

	host_targets_init(&hosts);
	if (!(status = dns_checks(s, found, &hosts))) {
		add_next_hops(routes, &hosts);
		host_checks_run(s, &hosts, found);
	}
	host_targets_free(&hosts);
	return status;
}

/* 4: the findings out, and into the report and the summary. */
static void report(const struct fed_settings *s, const struct findings *found, struct wrapup *w)
{
	if (s->format == FORMAT_JSON)
		output_json(stdout, found);
	else
		output_text(stdout, found);
	fflush(stdout);
	for (size_t i = 0; i < found->n; i++)
		wrapup_record(w, found->item[i].verdict, found->item[i].subject, found->item[i].check,
			      found->item[i].evidence);
	wrapup_summary_addf(w, "%zu check%s", found->n, found->n == 1 ? "" : "s");
	wrapup_summary_counts(w, 0, ": ");
}

int main(int argc, char **argv)
{
	struct fed_settings s = { .timeout_s = 5, .expiry_warn_days = 30, .format = FORMAT_TEXT };
	const struct tool_spec tool = {
		.name = "ucmig-fedcheck",
		.synopsis = "[--routes FILE] [--expressway FILE] [--domains LIST] [--fed-fqdn NAME] "
			    "[--live [--dns ADDRESS[:PORT]] [--ca FILE]]",
		.summary = "Check federation routes, search rules, DNS, TLS and SIP before a batch.",
		.group = { { "options", options, handle_option, &s } },
		.versions = { tls_library_versions },
	};
	struct common_opts common;
	struct route_table routes;
	struct rule_set rules;
	struct findings found;
	struct wrapup w;
	int first, status;

	msg_init(argv[0]);
	domain_list_init(&s.domains);
	domain_list_init(&s.ms_domains);
	route_table_init(&routes);
	rule_set_init(&rules);
	findings_init(&found);
	wrapup_init(&w, tool.name, fedcheck_outcomes, VERDICT_COUNT);
	if ((status = wrapup_parse(&w, &tool, argc, argv, &common, &first)) || common.exit_now ||
	    (status = check_settings(&s, argc - first)))
		goto out;
	/* The table is known only now; nothing has been counted yet. */
	if (s.strict)
		w.outcomes = fedcheck_outcomes_strict;
	wrapup_input(&w, s.routes, "--routes");
	wrapup_input(&w, s.expressway, "--expressway");
	wrapup_input(&w, s.ca, "--ca");
	/* 1, 2 */
	if ((status = wrapup_open(&w, &common, NULL)) ||
	    (s.routes && (status = route_table_load(&routes, s.routes))) ||
	    (s.expressway && (status = rule_set_load(&rules, s.expressway))))
		goto out;
	if (s.routes)
		route_checks(&s, &routes, &found);
	if (s.expressway)
		rule_checks(&s, &rules, &found);
	/* 3 */
	if (s.live && (status = live_checks(&s, &routes, &found)))
		goto out;
	/* 4; a run stopped by a signal shows what it found, and wrapup_finish
	 * ends it with 128 + the signal. */
	report(&s, &found, &w);
out:
	wrapup_fail(&w, status);
	status = wrapup_finish(&w);
	findings_free(&found);
	rule_set_free(&rules);
	route_table_free(&routes);
	domain_list_free(&s.domains);
	domain_list_free(&s.ms_domains);
	return status;
}
