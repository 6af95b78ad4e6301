/*
 * host_checks.c - see host_checks.h.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/grow.h"
#include "base/msg.h"
#include "base/strbuf.h"
#include "host_checks.h"
#include "net/resolver.h"
#include "net/tcp.h"
#include "sip_options.h"
#include "tls/cert_facts.h"
#include "tls/stream.h"

void host_targets_init(struct host_targets *l)
{
	memset(l, 0, sizeof(*l));
}

void host_targets_free(struct host_targets *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->item[i].host);
		free(l->item[i].origin);
		findings_free(&l->item[i].found);
	}
	free(l->item);
	host_targets_init(l);
}

void host_targets_add(struct host_targets *l, const char *host, unsigned port, bool tls,
		      const char *origin)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcasecmp(l->item[i].host, host) == 0 && l->item[i].port == port && l->item[i].tls == tls)
			return;
	GROW(l->item, l->n + 1, l->alloc);
	l->item[l->n] = (struct host_target){ .host = xstrdup(host), .port = port, .tls = tls,
					      .origin = xstrdup(origin) };
	findings_init(&l->item[l->n].found);
	l->n++;
}

/* The address to connect to: the literal, or the name's first A record. */
static bool resolve(struct host_target *t, const char *subject, struct strbuf *address)
{
	struct resolver r;
	struct strbuf why;
	size_t n = 0;
	enum dns_answer a;

	if (ip_literal(t->host)) {
		strbuf_addstr(address, t->host);
		return true;
	}
	strbuf_init(&why);
	if (resolver_open(&r, t->settings->dns, (int)t->settings->timeout_s)) {
		finding_add(&t->found, "host-resolves", VERDICT_FAIL, subject, "no resolver");
		strbuf_release(&why);
		return false;
	}
	a = resolver_a(&r, t->host, address, &n, &why);
	resolver_close(&r);
	if (a == DNS_FOUND)
		finding_add(&t->found, "host-resolves", VERDICT_PASS, subject, "%s%s", address->buf,
			    n > 1 ? " (and more; the first is checked)" : "");
	else
		finding_add(&t->found, "host-resolves", VERDICT_FAIL, subject, "%s: %s", t->host, why.buf);
	strbuf_release(&why);
	return a == DNS_FOUND;
}

static void judge_certificate(struct host_target *t, const char *subject, const struct cert_facts *f)
{
	long warn_days = t->settings->expiry_warn_days;
	char date[32] = "";
	struct tm tm;

	if (f->chain_ok)
		finding_add(&t->found, "tls-chain", VERDICT_PASS, subject, "%s: chain trusted (%s)", f->subject,
			    t->settings->ca ? t->settings->ca : "the system's CAs");
	else
		finding_add(&t->found, "tls-chain", VERDICT_FAIL, subject, "%s: %s", f->subject, f->chain_error);
	if (f->name_ok)
		finding_add(&t->found, "tls-name", VERDICT_PASS, subject, "the certificate names %s", t->host);
	else
		finding_add(&t->found, "tls-name", VERDICT_FAIL, subject, "%s is not among %s %s", t->host,
			    f->subject, f->names[0] ? f->names : "(no subject alternative names)");
	if (gmtime_r(f->not_yet_valid ? &f->not_before : &f->not_after, &tm))
		strftime(date, sizeof(date), "%Y-%m-%d %H:%M UTC", &tm);
	if (f->not_yet_valid)
		finding_add(&t->found, "tls-expiry", VERDICT_FAIL, subject, "not valid before %s", date);
	else if (f->days_left < 0)
		finding_add(&t->found, "tls-expiry", VERDICT_FAIL, subject, "expired %s", date);
	else if (f->days_left < warn_days)
		finding_add(&t->found, "tls-expiry", VERDICT_WARN, subject, "expires %s, in %ld day%s (under %ld)",
			    date, f->days_left, f->days_left == 1 ? "" : "s", warn_days);
	else
		finding_add(&t->found, "tls-expiry", VERDICT_PASS, subject, "expires %s, in %ld days", date,
			    f->days_left);
	if (f->eku_server && f->eku_client)
		finding_add(&t->found, "tls-eku", VERDICT_PASS, subject, "server auth and client auth");
	else
		finding_add(&t->found, "tls-eku", VERDICT_FAIL, subject, "%s: federation needs both server auth "
			    "(1.3.6.1.5.5.7.3.1) and client auth (1.3.6.1.5.5.7.3.2)",
			    !f->eku_listed ? "no extended key usage at all" :
			    f->eku_server ? "client auth missing" :
			    f->eku_client ? "server auth missing" : "neither listed");
}

static const char *from_domain(const struct fed_settings *s)
{
	if (s->fed_fqdn)
		return s->fed_fqdn;
	return s->domains.n ? s->domains.name[0] : "invalid";
}

static void *check_host(void *arg)
{
	struct host_target *t = arg;
	const struct fed_settings *s = t->settings;
	struct strbuf subject, address, why, status, server;
	struct stream st;
	struct deadline d;
	struct cert_facts f;
	int fd;

	stream_plain(&st, -1);
	strbuf_init(&subject);
	strbuf_init(&address);
	strbuf_init(&why);
	strbuf_init(&status);
	strbuf_init(&server);
	strbuf_addf(&subject, "%s:%u", t->host, t->port);
	if (!resolve(t, subject.buf, &address))
		goto out;
	deadline_in(&d, s->timeout_s * 1000);
	if (!tcp_connect(address.buf, t->port, &d, &fd, &why)) {
		finding_add(&t->found, "tcp-connect", VERDICT_FAIL, subject.buf, "%s (%s): %s; nothing more tried",
			    address.buf, t->origin, why.buf);
		goto out;
	}
	finding_add(&t->found, "tcp-connect", VERDICT_PASS, subject.buf, "%s (%s)", address.buf, t->origin);
	deadline_in(&d, s->timeout_s * 1000);
	if (t->tls) {
		bool shaken = stream_tls(&st, fd, t->host, s->ca, &d, &why);

		fd = -1;                     /* the stream's now */
		if (!shaken) {
			finding_add(&t->found, "tls-handshake", VERDICT_FAIL, subject.buf, "%s", why.buf);
			goto out;
		}
		cert_facts_read(&st, t->host, time(NULL), &f);
		finding_add(&t->found, "tls-handshake", VERDICT_PASS, subject.buf, "%s", f.protocol);
		judge_certificate(t, subject.buf, &f);
		deadline_in(&d, s->timeout_s * 1000);
	} else {
		stream_plain(&st, fd);
		fd = -1;
	}
	if (sip_options(&st, t->host, t->port, t->tls, from_domain(s), &d, &status, &server, &why))
		finding_add(&t->found, "sip-options", VERDICT_PASS, subject.buf, "%s%s%s%s", status.buf,
			    server.len ? " (" : "", server.buf, server.len ? ")" : "");
	else
		finding_add(&t->found, "sip-options", VERDICT_FAIL, subject.buf, "no SIP answer: %s", why.buf);
out:
	stream_close(&st);
	strbuf_release(&subject);
	strbuf_release(&address);
	strbuf_release(&why);
	strbuf_release(&status);
	strbuf_release(&server);
	return NULL;
}

void host_checks_run(const struct fed_settings *s, struct host_targets *l, struct findings *out)
{
	pthread_t thread[HOST_THREADS];
	bool started[HOST_THREADS];

	for (size_t first = 0; first < l->n; first += HOST_THREADS) {
		size_t n = l->n - first < HOST_THREADS ? l->n - first : HOST_THREADS;

		for (size_t i = 0; i < n; i++) {
			l->item[first + i].settings = s;
			started[i] = pthread_create(&thread[i], NULL, check_host, &l->item[first + i]) == 0;
			if (!started[i])
				check_host(&l->item[first + i]);   /* no thread: do it here */
		}
		for (size_t i = 0; i < n; i++)
			if (started[i])
				pthread_join(thread[i], NULL);
	}
	for (size_t i = 0; i < l->n; i++)
		findings_move(out, &l->item[i].found);
}
