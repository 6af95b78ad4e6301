/*
 * connect_deadline.h - a hard bound on setting up an LDAP connection.
 *
 * libldap (2.5, with GnuTLS, as Debian ships it) ignores its network
 * timeout during the TLS handshake of an ldaps:// connection: against a
 * server that accepts and never answers it spins reading a non-blocking
 * socket forever. So the set-up (connect, TLS, StartTLS, bind) runs
 * under a deadline: a connect callback remembers each new socket, and a
 * one-shot timer (SIGALRM) shuts that socket down when the deadline
 * passes, so the handshake reads end-of-file and fails; the caller then
 * reports a timeout (69). Once connected, libldap's own timeouts hold.
 *
 * One connection is set up at a time in a process (the state is static,
 * as a signal handler needs it).
 */
#ifndef UCMIG_CONNECT_DEADLINE_H
#define UCMIG_CONNECT_DEADLINE_H

#include <ldap.h>
#include <stdbool.h>

/* Register the callback on ld; cb must live as long as ld. */
void connect_deadline_install(LDAP *ld, struct ldap_conncb *cb);
void connect_deadline_arm(int seconds);
/* Stop the timer; true if the deadline passed and a socket was shut. */
bool connect_deadline_disarm(void);

#endif
