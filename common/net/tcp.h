/*
 * tcp.h - a TCP connection to an address, under a deadline.
 *
 * For probes (ucmig-fedcheck): a refused or silent host is a finding,
 * not an error of the program, so these return true or false and say
 * why in *why ("connection refused", "no answer within 5 s"); nothing is
 * printed. The socket is left non-blocking for the deadline-bound reads
 * and writes that follow (tls/stream.h).
 */
#ifndef UCMIG_TCP_H
#define UCMIG_TCP_H

#include <stdbool.h>

#include "base/strbuf.h"
#include "net/deadline.h"

/* Is text an IPv4 or IPv6 address literal (so no name to look up)? */
bool ip_literal(const char *text);
/* Connect to address (a literal) and port; *fd is the caller's to close. */
bool tcp_connect(const char *address, unsigned port, const struct deadline *d, int *fd,
		 struct strbuf *why);
/* The local end of fd as "address:port", for a SIP Via header. */
void tcp_local_name(int fd, struct strbuf *out);

#endif
