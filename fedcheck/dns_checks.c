/*
 * dns_checks.c - see dns_checks.h.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/interrupt.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "dns_checks.h"
#include "net/resolver.h"

/* Everything one domain's SRV record set leads to. */
struct srv_answer {
	struct srv_record *rec;
	size_t n;
};

static bool inside(const char *target, const char *domain)
{
	size_t t = strlen(target), d = strlen(domain);

	return strcasecmp(target, domain) == 0 ||
	       (t > d && target[t - d - 1] == '.' && strcasecmp(target + t - d, domain) == 0);
}

static void check_sip_srv(struct resolver *r, const char *domain, struct srv_answer *a,
			  struct findings *out, struct host_targets *hosts)
{
	struct strbuf name, why, addresses, origin;
	const struct srv_record *best;
	enum dns_answer ans;
	size_t n;

	strbuf_init(&name);
	strbuf_init(&why);
	strbuf_init(&addresses);
	strbuf_init(&origin);
	strbuf_addf(&name, "_sipfederationtls._tcp.%s", domain);
	ans = resolver_srv(r, name.buf, &a->rec, &a->n, &why);
	if (ans != DNS_FOUND) {
		finding_add(out, "srv-exists", VERDICT_FAIL, name.buf, "%s", why.buf);
		goto out;
	}
	best = &a->rec[0];
	if (a->n == 1 && !best->target[0]) {
		/* RFC 2782: a target of "." says the service is decidedly not
		 * available at this domain; there is no host to probe. */
		finding_add(out, "srv-exists", VERDICT_FAIL, name.buf,
			    "the record's target is \".\": the domain says it offers no federation (RFC 2782)");
		a->n = 0;
		goto out;
	}
	finding_add(out, "srv-exists", VERDICT_PASS, name.buf, "%zu record%s", a->n, a->n == 1 ? "" : "s");
	if (a->n == 1)
		finding_add(out, "srv-single", VERDICT_PASS, name.buf, "%u %u %u %s", best->priority, best->weight,
			    best->port, best->target);
	else
		finding_add(out, "srv-single", VERDICT_WARN, name.buf,
			    "%zu records; Microsoft uses only the best (%u %u %u %s): publish one and "
			    "give its name several A records", a->n, best->priority, best->weight, best->port,
			    best->target);
	for (size_t i = 0; i < a->n; i++) {
		const struct srv_record *rec = &a->rec[i];
		struct strbuf subject;

		strbuf_init(&subject);
		strbuf_addf(&subject, "%s -> %s:%u", name.buf, rec->target, rec->port);
		if (rec->port == 5061)
			finding_add(out, "srv-port", VERDICT_PASS, subject.buf, "5061");
		else
			finding_add(out, "srv-port", VERDICT_FAIL, subject.buf, "port %u: federation over TLS uses 5061",
				    rec->port);
		if (inside(rec->target, domain))
			finding_add(out, "srv-namespace", VERDICT_PASS, subject.buf, "%s is inside %s", rec->target,
				    domain);
		else
			finding_add(out, "srv-namespace", VERDICT_FAIL, subject.buf,
				    "%s is outside %s: the target must be in the SIP domain's own namespace",
				    rec->target, domain);
		strbuf_reset(&why);
		strbuf_reset(&addresses);
		if (resolver_a(r, rec->target, &addresses, &n, &why) == DNS_FOUND) {
			finding_add(out, "srv-target-resolves", VERDICT_PASS, subject.buf, "%s", addresses.buf);
			strbuf_reset(&origin);
			strbuf_addf(&origin, "SRV target of %s", domain);
			host_targets_add(hosts, rec->target, rec->port, true, origin.buf);
		} else {
			finding_add(out, "srv-target-resolves", VERDICT_FAIL, subject.buf, "%s: %s", rec->target,
				    why.buf);
		}
		strbuf_release(&subject);
	}
out:
	strbuf_release(&name);
	strbuf_release(&why);
	strbuf_release(&addresses);
	strbuf_release(&origin);
}

/* XMPP federation is reported when it is published; its absence is not a
 * fault of SIP federation. */
static void check_xmpp_srv(struct resolver *r, const char *domain, struct findings *out)
{
	struct srv_record *rec = NULL;
	struct strbuf name, why;
	size_t n = 0;
	enum dns_answer a;

	strbuf_init(&name);
	strbuf_init(&why);
	strbuf_addf(&name, "_xmpp-server._tcp.%s", domain);
	a = resolver_srv(r, name.buf, &rec, &n, &why);
	if (a == DNS_FOUND && rec[0].port == 5269)
		finding_add(out, "xmpp-srv", VERDICT_PASS, name.buf, "%u %u %u %s", rec[0].priority,
			    rec[0].weight, rec[0].port, rec[0].target);
	else if (a == DNS_FOUND)
		finding_add(out, "xmpp-srv", VERDICT_WARN, name.buf, "%u %u %u %s: XMPP federation uses 5269",
			    rec[0].priority, rec[0].weight, rec[0].port, rec[0].target);
	else if (a == DNS_FAILED)
		finding_add(out, "xmpp-srv", VERDICT_WARN, name.buf, "%s", why.buf);
	free(rec);
	strbuf_release(&name);
	strbuf_release(&why);
}

static void check_fed_fqdn(struct resolver *r, const char *fqdn, const struct srv_answer *answers,
			   size_t nanswers, struct findings *out)
{
	struct strbuf addresses, why, ptr;
	bool is_target = false;
	size_t n;

	strbuf_init(&addresses);
	strbuf_init(&why);
	strbuf_init(&ptr);
	if (resolver_a(r, fqdn, &addresses, &n, &why) == DNS_FOUND)
		finding_add(out, "fed-fqdn-resolves", VERDICT_PASS, fqdn, "%s", addresses.buf);
	else
		finding_add(out, "fed-fqdn-resolves", VERDICT_FAIL, fqdn, "%s", why.buf);
	for (size_t i = 0; i < nanswers && !is_target; i++)
		for (size_t j = 0; j < answers[i].n; j++)
			is_target |= strcasecmp(answers[i].rec[j].target, fqdn) == 0;
	if (is_target)
		finding_add(out, "fed-fqdn-srv", VERDICT_PASS, fqdn, "an SRV target of _sipfederationtls._tcp");
	else
		finding_add(out, "fed-fqdn-srv", VERDICT_FAIL, fqdn,
			    "no _sipfederationtls._tcp record of the domains points to it");
	if (addresses.len) {
		strbuf_reset(&why);
		switch (resolver_ptr(r, addresses.buf, &ptr, &why)) {
		case DNS_FOUND:
			if (strcasecmp(ptr.buf, fqdn) == 0)
				finding_add(out, "fed-fqdn-ptr", VERDICT_PASS, fqdn, "%s points back to it", addresses.buf);
			else
				finding_add(out, "fed-fqdn-ptr", VERDICT_FAIL, fqdn, "%s points to %s, not to it",
					    addresses.buf, ptr.buf);
			break;
		case DNS_NONE:
			finding_add(out, "fed-fqdn-ptr", VERDICT_PASS, fqdn, "%s has no PTR record", addresses.buf);
			break;
		case DNS_FAILED:
			finding_add(out, "fed-fqdn-ptr", VERDICT_WARN, fqdn, "%s: %s", addresses.buf, why.buf);
			break;
		}
	}
	strbuf_release(&addresses);
	strbuf_release(&why);
	strbuf_release(&ptr);
}

int dns_checks(const struct fed_settings *s, struct findings *out, struct host_targets *hosts)
{
	struct resolver r;
	struct domain_list all;
	struct srv_answer *answers;
	int status;

	if ((status = resolver_open(&r, s->dns, (int)s->timeout_s)))
		return status;
	domain_list_init(&all);
	for (size_t i = 0; i < s->domains.n; i++)
		domain_list_add(&all, s->domains.name[i]);
	for (size_t i = 0; i < s->ms_domains.n; i++)
		domain_list_add(&all, s->ms_domains.name[i]);
	answers = xcalloc(all.n ? all.n : 1, sizeof(*answers));
	for (size_t i = 0; i < all.n && !interrupt_requested(); i++) {
		check_sip_srv(&r, all.name[i], &answers[i], out, hosts);
		check_xmpp_srv(&r, all.name[i], out);
	}
	if (s->fed_fqdn && !interrupt_requested())
		check_fed_fqdn(&r, s->fed_fqdn, answers, all.n, out);
	for (size_t i = 0; i < all.n; i++)
		free(answers[i].rec);
	free(answers);
	domain_list_free(&all);
	resolver_close(&r);
	return 0;
}
