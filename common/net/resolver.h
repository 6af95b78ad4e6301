/*
 * resolver.h - DNS questions a federation check asks (SRV, A, PTR),
 * sent to one chosen server or to the system's.
 *
 * Tests and administrators need to ask a particular server ("--dns
 * 127.0.0.53:5353"): the system resolver may not know a zone yet, and a
 * test must never ask the machine's real one. glibc's libresolv does
 * this with a private resolver state (res_ninit, then our server list),
 * which is also what makes it safe to use from several threads, one
 * state each. Every question has a timeout (the state's retrans and one
 * retry); names are asked as given, never with a search suffix.
 *
 * Answers are facts, not errors: DNS_NONE (NXDOMAIN, or the name has no
 * record of that type) and DNS_FAILED (timeout, SERVFAIL, refused, a
 * malformed answer, with why) are for the caller to report. Only IPv4
 * addresses (A) are asked for.
 *
 * Ownership: the resolver owns its state; answers are the caller's
 * arrays, freed with free().
 */
#ifndef UCMIG_RESOLVER_H
#define UCMIG_RESOLVER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/strbuf.h"

#define DNS_NAME_MAX 256

/* libresolv's state stays in resolver.c: no caller sees <resolv.h>. */
struct __res_state;

struct resolver {
	struct __res_state *state;   /* owned */
	char server[64];             /* "127.0.0.53:5353", or "system" */
};

enum dns_answer { DNS_FOUND, DNS_NONE, DNS_FAILED };

struct srv_record {
	unsigned priority, weight, port;
	char target[DNS_NAME_MAX];   /* without the final dot */
};

/* server: "ADDRESS[:PORT]" (IPv4), or NULL for the system's servers.
 * 0, or 64 for a server that is not an address. */
int resolver_open(struct resolver *r, const char *server, int timeout_s);
void resolver_close(struct resolver *r);
/* Check "ADDRESS[:PORT]" as --dns takes it: 0 or 64. */
int resolver_server_check(const char *server);

/* The records, sorted as Microsoft picks them: lowest priority, then
 * highest weight, first. */
enum dns_answer resolver_srv(struct resolver *r, const char *name, struct srv_record **out,
			     size_t *n, struct strbuf *why);
/* Dotted IPv4 addresses, NUL-separated in out ("127.0.0.3\0"), *n of them. */
enum dns_answer resolver_a(struct resolver *r, const char *name, struct strbuf *out, size_t *n,
			   struct strbuf *why);
/* The name a PTR record gives address (dotted IPv4). */
enum dns_answer resolver_ptr(struct resolver *r, const char *address, struct strbuf *name,
			     struct strbuf *why);

#endif
