/*
 * host_checks.h - the live checks of one federation host (a route's
 * next hop, an SRV target): its name resolves, TCP connects, the TLS
 * handshake completes, the chain leads to a trusted CA (--ca), the
 * certificate names the host, is not expired or about to be
 * (--expiry-warn), carries both server and client auth, and a SIP
 * OPTIONS gets an answer over that connection.
 *
 * Hosts are checked at the same time, one thread each (at most
 * HOST_THREADS at once), every step under --probe-timeout, so ten dead hosts
 * cost about one timeout, not ten. Each host's findings are its own and
 * are merged in the order the hosts were added.
 *
 * Ownership: the list owns its hosts, their strings and findings.
 */
#ifndef FEDCHECK_HOST_CHECKS_H
#define FEDCHECK_HOST_CHECKS_H

#include <stdbool.h>
#include <stddef.h>

#include "finding.h"
#include "settings.h"

#define HOST_THREADS 64

struct host_target {
	char *host;                  /* name or address literal */
	unsigned port;
	bool tls;                    /* else plain TCP (a TCP route) */
	char *origin;                /* "next hop of line 3", "SRV of example.com" */
	struct findings found;
	const struct fed_settings *settings;
};

struct host_targets {
	struct host_target *item;
	size_t n, alloc;
};

void host_targets_init(struct host_targets *l);
void host_targets_free(struct host_targets *l);
/* Add host:port unless it is there with the same transport. */
void host_targets_add(struct host_targets *l, const char *host, unsigned port, bool tls,
		      const char *origin);
/* Check every host; their findings are appended to out in list order. */
void host_checks_run(const struct fed_settings *s, struct host_targets *l, struct findings *out);

#endif
