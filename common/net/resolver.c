/*
 * resolver.c - see resolver.h.
 */
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netdb.h>
#include <resolv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/exitcode.h"
#include "base/grow.h"
#include "base/msg.h"
#include "base/xalloc.h"
#include "net/resolver.h"

static bool parse_server(const char *server, struct sockaddr_in *sin)
{
	char host[64];
	const char *colon = strrchr(server, ':');
	size_t n = colon ? (size_t)(colon - server) : strlen(server);
	unsigned long port = 53;
	char *end;

	if (n == 0 || n >= sizeof(host))
		return false;
	memcpy(host, server, n);
	host[n] = '\0';
	if (colon) {
		port = strtoul(colon + 1, &end, 10);
		if (!colon[1] || *end || port == 0 || port > 65535)
			return false;
	}
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = htons((unsigned short)port);
	return inet_pton(AF_INET, host, &sin->sin_addr) == 1;
}

int resolver_server_check(const char *server)
{
	struct sockaddr_in sin;

	if (!parse_server(server, &sin))
		return fail(UCMIG_EX_USAGE, "--dns: '%s' is not ADDRESS[:PORT] (an IPv4 address)", server);
	return 0;
}

int resolver_open(struct resolver *r, const char *server, int timeout_s)
{
	struct sockaddr_in sin;

	memset(r, 0, sizeof(*r));
	if (server && !parse_server(server, &sin))
		return resolver_server_check(server);
	r->state = xcalloc(1, sizeof(*r->state));
	res_ninit(r->state);
	if (server) {
		r->state->nscount = 1;
		r->state->nsaddr_list[0] = sin;
		r->state->_u._ext.nscount = 0;
		snprintf(r->server, sizeof(r->server), "%s", server);
	} else {
		snprintf(r->server, sizeof(r->server), "system");
	}
	r->state->retrans = timeout_s > 0 ? timeout_s : 1;
	r->state->retry = 1;
	r->state->options &= ~(unsigned long)(RES_DNSRCH | RES_DEFNAMES);
	return 0;
}

void resolver_close(struct resolver *r)
{
	if (r->state)
		res_nclose(r->state);
	free(r->state);
	r->state = NULL;
}

/* Ask; on success *msg is parsed and ready for ns_parserr. */
static enum dns_answer ask(struct resolver *r, const char *name, int type, unsigned char *buf,
			   size_t size, ns_msg *msg, struct strbuf *why)
{
	int len;

	r->state->res_h_errno = 0;
	len = res_nquery(r->state, name, ns_c_in, type, buf, (int)size);
	if (len < 0) {
		switch (r->state->res_h_errno) {
		case HOST_NOT_FOUND:
			strbuf_addstr(why, "no such name (NXDOMAIN)");
			return DNS_NONE;
		case NO_DATA:
			strbuf_addstr(why, "the name has no record of that type");
			return DNS_NONE;
		case TRY_AGAIN:
			strbuf_addf(why, "no answer from %s (timeout or SERVFAIL)", r->server);
			return DNS_FAILED;
		default:
			strbuf_addf(why, "%s: %s", r->server, hstrerror(r->state->res_h_errno));
			return DNS_FAILED;
		}
	}
	if (ns_initparse(buf, len, msg) < 0) {
		strbuf_addf(why, "%s: malformed answer", r->server);
		return DNS_FAILED;
	}
	return DNS_FOUND;
}

static int srv_order(const void *a, const void *b)
{
	const struct srv_record *x = a, *y = b;

	if (x->priority != y->priority)
		return x->priority < y->priority ? -1 : 1;
	if (x->weight != y->weight)
		return x->weight > y->weight ? -1 : 1;
	return strcmp(x->target, y->target);
}

enum dns_answer resolver_srv(struct resolver *r, const char *name, struct srv_record **out,
			     size_t *n, struct strbuf *why)
{
	unsigned char buf[NS_MAXMSG];
	ns_msg msg;
	ns_rr rr;
	size_t alloc = 0;
	enum dns_answer a = ask(r, name, ns_t_srv, buf, sizeof(buf), &msg, why);

	*out = NULL;
	*n = 0;
	if (a != DNS_FOUND)
		return a;
	for (int i = 0; i < ns_msg_count(msg, ns_s_an); i++) {
		struct srv_record s;
		const unsigned char *rd;

		if (ns_parserr(&msg, ns_s_an, i, &rr) < 0 || ns_rr_type(rr) != ns_t_srv)
			continue;
		rd = ns_rr_rdata(rr);
		if (ns_rr_rdlen(rr) < 7 ||
		    dn_expand(ns_msg_base(msg), ns_msg_end(msg), rd + 6, s.target, sizeof(s.target)) < 0) {
			strbuf_addf(why, "%s: malformed SRV record", r->server);
			free(*out);
			*out = NULL;
			*n = 0;
			return DNS_FAILED;
		}
		s.priority = ns_get16(rd);
		s.weight = ns_get16(rd + 2);
		s.port = ns_get16(rd + 4);
		GROW(*out, *n + 1, alloc);
		(*out)[(*n)++] = s;
	}
	if (*n == 0) {
		strbuf_addstr(why, "the name has no record of that type");
		return DNS_NONE;
	}
	qsort(*out, *n, sizeof(**out), srv_order);
	return DNS_FOUND;
}

enum dns_answer resolver_a(struct resolver *r, const char *name, struct strbuf *out, size_t *n,
			   struct strbuf *why)
{
	unsigned char buf[NS_MAXMSG];
	char text[INET_ADDRSTRLEN];
	ns_msg msg;
	ns_rr rr;
	enum dns_answer a = ask(r, name, ns_t_a, buf, sizeof(buf), &msg, why);

	*n = 0;
	if (a != DNS_FOUND)
		return a;
	for (int i = 0; i < ns_msg_count(msg, ns_s_an); i++) {
		if (ns_parserr(&msg, ns_s_an, i, &rr) < 0 || ns_rr_type(rr) != ns_t_a || ns_rr_rdlen(rr) != 4)
			continue;
		inet_ntop(AF_INET, ns_rr_rdata(rr), text, sizeof(text));
		strbuf_add(out, text, strlen(text) + 1);
		(*n)++;
	}
	if (*n == 0) {
		strbuf_addstr(why, "the name has no A record");
		return DNS_NONE;
	}
	return DNS_FOUND;
}

enum dns_answer resolver_ptr(struct resolver *r, const char *address, struct strbuf *name,
			     struct strbuf *why)
{
	unsigned char buf[NS_MAXMSG], ip[4];
	char qname[64], target[DNS_NAME_MAX];
	ns_msg msg;
	ns_rr rr;
	enum dns_answer a;

	if (inet_pton(AF_INET, address, ip) != 1) {
		strbuf_addf(why, "'%s' is not an IPv4 address", address);
		return DNS_FAILED;
	}
	snprintf(qname, sizeof(qname), "%u.%u.%u.%u.in-addr.arpa", ip[3], ip[2], ip[1], ip[0]);
	if ((a = ask(r, qname, ns_t_ptr, buf, sizeof(buf), &msg, why)) != DNS_FOUND)
		return a;
	for (int i = 0; i < ns_msg_count(msg, ns_s_an); i++) {
		if (ns_parserr(&msg, ns_s_an, i, &rr) < 0 || ns_rr_type(rr) != ns_t_ptr)
			continue;
		if (dn_expand(ns_msg_base(msg), ns_msg_end(msg), ns_rr_rdata(rr), target, sizeof(target)) < 0)
			break;
		strbuf_addstr(name, target);
		return DNS_FOUND;
	}
	strbuf_addstr(why, "no PTR record");
	return DNS_NONE;
}
