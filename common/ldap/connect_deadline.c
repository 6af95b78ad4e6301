/*
 * connect_deadline.c - see connect_deadline.h.
 */
#include "ldap/connect_deadline.h"

#include <ldap.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>

static volatile sig_atomic_t watched_fd = -1;
static volatile sig_atomic_t fired;

static void on_alarm(int sig)
{
	(void)sig;
	if (watched_fd >= 0)
		shutdown(watched_fd, SHUT_RDWR);    /* async-signal-safe */
	fired = 1;
}

static int remember_socket(LDAP *ld, Sockbuf *sb, LDAPURLDesc *srv, struct sockaddr *addr,
			   struct ldap_conncb *ctx)
{
	ber_socket_t fd;

	(void)ld;
	(void)srv;
	(void)addr;
	(void)ctx;
	if (ber_sockbuf_ctrl(sb, LBER_SB_OPT_GET_FD, &fd) == 1)
		watched_fd = fd;
	return 0;
}

static void forget_socket(LDAP *ld, Sockbuf *sb, struct ldap_conncb *ctx)
{
	(void)ld;
	(void)sb;
	(void)ctx;
	watched_fd = -1;
}

void connect_deadline_install(LDAP *ld, struct ldap_conncb *cb)
{
	*cb = (struct ldap_conncb){ remember_socket, forget_socket, NULL };
	ldap_set_option(ld, LDAP_OPT_CONNECT_CB, cb);
}

void connect_deadline_arm(int seconds)
{
	struct sigaction sa;
	struct itimerval it = { { 0, 0 }, { seconds, 0 } };

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	fired = 0;
	setitimer(ITIMER_REAL, &it, NULL);
}

bool connect_deadline_disarm(void)
{
	struct itimerval off = { { 0, 0 }, { 0, 0 } };

	setitimer(ITIMER_REAL, &off, NULL);
	watched_fd = -1;
	return fired != 0;
}
