/*
 * tcp.c - see tcp.h.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "net/tcp.h"

bool ip_literal(const char *text)
{
	struct in6_addr a6;
	struct in_addr a4;

	return inet_pton(AF_INET, text, &a4) == 1 || inet_pton(AF_INET6, text, &a6) == 1;
}

bool tcp_connect(const char *address, unsigned port, const struct deadline *d, int *fd,
		 struct strbuf *why)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICHOST | AI_NUMERICSERV };
	struct addrinfo *ai = NULL;
	char service[8];
	int s = -1, err = 0, rc;
	socklen_t len = sizeof(err);

	snprintf(service, sizeof(service), "%u", port);
	if ((rc = getaddrinfo(address, service, &hints, &ai)) != 0) {
		strbuf_addf(why, "'%s' is not an address: %s", address, gai_strerror(rc));
		return false;
	}
	if ((s = socket(ai->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)) < 0) {
		strbuf_addf(why, "socket: %s", strerror(errno));
		goto fail;
	}
	if (connect(s, ai->ai_addr, ai->ai_addrlen) < 0) {
		if (errno != EINPROGRESS) {
			strbuf_addstr(why, strerror(errno));
			goto fail;
		}
		rc = deadline_poll(s, POLLOUT, d);
		if (rc == 0) {
			strbuf_addstr(why, "no answer before the timeout");
			goto fail;
		}
		if (rc < 0 || getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &len) < 0 || err) {
			strbuf_addstr(why, strerror(rc < 0 ? errno : err ? err : errno));
			goto fail;
		}
	}
	freeaddrinfo(ai);
	*fd = s;
	return true;
fail:
	if (s >= 0)
		close(s);
	freeaddrinfo(ai);
	return false;
}

void tcp_local_name(int fd, struct strbuf *out)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	char host[NI_MAXHOST], port[NI_MAXSERV];

	if (getsockname(fd, (struct sockaddr *)&ss, &len) < 0 ||
	    getnameinfo((struct sockaddr *)&ss, len, host, sizeof(host), port, sizeof(port),
			NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
		strbuf_addstr(out, "0.0.0.0:0");
		return;
	}
	strbuf_addf(out, ss.ss_family == AF_INET6 ? "[%s]:%s" : "%s:%s", host, port);
}
