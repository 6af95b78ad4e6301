/*
 * latency-link - a TCP relay on 127.0.0.1 that delays every byte by a
 * fixed one-way time in both directions, so tests and benchmarks can see
 * what a real network's round trips cost (the kernel here has no netem).
 *
 *   latency-link --target 127.0.0.1:PORT [--delay-ms MS] [--listen PORT]
 *                [--max-connections N]
 *
 * Prints "ready 127.0.0.1:PORT" (PORT chosen by the kernel unless
 * --listen gives one) on standard output once it accepts connections,
 * then relays each connection to the target until SIGTERM or SIGINT.
 *
 * Rules:
 *  - loopback only: the listening address is 127.0.0.1 and a target
 *    outside 127.0.0.0/8 is refused (tests never send traffic elsewhere);
 *  - every chunk read at time t is written at t + delay, in order, per
 *    direction; a half close (EOF) travels the same way, after the bytes
 *    before it; a reset closes both sides at once;
 *  - with --max-connections, a connection beyond N open at once is
 *    accepted and closed at once, as a server at its connection limit
 *    does (AD's MaxConnections);
 *  - no throughput limit of its own beyond one thread and the copy: a
 *    direction stops reading when 8 MiB wait in its queue (back-pressure,
 *    as a real link's window would), and reads up to 64 KiB at a time.
 *
 * One thread, epoll, one timer: the earliest due chunk of any direction.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { READ_CHUNK = 64 * 1024, QUEUE_LIMIT = 8 * 1024 * 1024, MAX_EVENTS = 64 };

struct chunk {
	struct chunk *next;
	long long due_ns;            /* when it may be written */
	size_t len, off;             /* len 0: the sender's EOF */
	char data[];
};

struct direction {
	int from, to;
	struct chunk *head, *tail;
	size_t queued;               /* bytes waiting */
	bool eof_read, eof_sent, reading;
};

struct conn {
	struct direction dir[2];     /* 0: client to target, 1: back */
	int fd[2];                   /* client, target */
	bool connected;              /* the target's connect finished */
	struct conn *next, *prev;
};

static volatile sig_atomic_t stop;
static int epfd;
static long long delay_ns;
static struct sockaddr_in target;
static struct conn *conns;
static long max_connections;     /* 0: no limit */

static long open_connections(void)
{
	long n = 0;

	for (const struct conn *c = conns; c; c = c->next)
		n++;
	return n;
}

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int die(const char *what)
{
	fprintf(stderr, "latency-link: %s: %s\n", what, strerror(errno));
	return 1;
}

static void watch(struct conn *c, int side)
{
	struct direction *out = &c->dir[side];          /* side reads into dir[side] */
	struct direction *in = &c->dir[!side];          /* and writes dir[!side] */
	struct epoll_event ev = { 0 };

	if (!c->connected && side == 1)
		ev.events |= EPOLLOUT;
	else {
		if (out->reading)
			ev.events |= EPOLLIN | EPOLLRDHUP;
		if (in->head && in->head->due_ns <= now_ns())
			ev.events |= EPOLLOUT;
	}
	ev.data.u64 = ((unsigned long long)(uintptr_t)c) | (unsigned long long)side;
	epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd[side], &ev);
}

static void conn_close(struct conn *c)
{
	for (int d = 0; d < 2; d++) {
		struct chunk *k = c->dir[d].head;
		while (k) {
			struct chunk *n = k->next;
			free(k);
			k = n;
		}
		if (c->fd[d] >= 0)
			close(c->fd[d]);
	}
	if (c->prev)
		c->prev->next = c->next;
	else
		conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	free(c);
}

static void enqueue(struct direction *d, const char *buf, size_t len)
{
	struct chunk *k = malloc(sizeof(*k) + len);

	if (!k)
		abort();
	k->next = NULL;
	k->due_ns = now_ns() + delay_ns;
	k->len = len;
	k->off = 0;
	if (len)                 /* the EOF chunk has no bytes (and buf is NULL) */
		memcpy(k->data, buf, len);
	if (d->tail)
		d->tail->next = k;
	else
		d->head = k;
	d->tail = k;
	d->queued += len;
}

/* Read what side has; false if the connection is to be closed. */
static bool pump_in(struct conn *c, int side)
{
	static char buf[READ_CHUNK];
	struct direction *d = &c->dir[side];

	while (d->reading) {
		ssize_t n = read(c->fd[side], buf, sizeof(buf));

		if (n > 0) {
			enqueue(d, buf, (size_t)n);
			if (d->queued >= QUEUE_LIMIT)
				d->reading = false;
		} else if (n == 0) {
			enqueue(d, NULL, 0);     /* the EOF, delayed like the bytes */
			d->eof_read = true;
			d->reading = false;
		} else if (errno == EAGAIN || errno == EWOULDBLOCK) {
			break;
		} else if (errno != EINTR) {
			return false;            /* a reset: both sides go */
		}
	}
	return true;
}

/* Write every due chunk of direction d; false if the connection is to be closed. */
static bool pump_out(struct conn *c, struct direction *d)
{
	long long now = now_ns();

	while (d->head && d->head->due_ns <= now) {
		struct chunk *k = d->head;

		if (k->len == 0) {
			shutdown(d->to, SHUT_WR);
			d->eof_sent = true;
		} else {
			ssize_t n = write(d->to, k->data + k->off, k->len - k->off);
			if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
				return true;
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0)
				return false;
			k->off += (size_t)n;
			d->queued -= (size_t)n;
			if (k->off < k->len)
				return true;
		}
		d->head = k->next;
		if (!d->head)
			d->tail = NULL;
		free(k);
		if (!d->eof_read && !d->reading && d->queued < QUEUE_LIMIT / 2)
			d->reading = true;
	}
	(void)c;
	return true;
}

static bool finished(const struct conn *c)
{
	return c->dir[0].eof_sent && c->dir[1].eof_sent;
}

static void accept_one(int lfd)
{
	int cfd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	int one = 1;
	struct conn *c;

	if (cfd < 0)
		return;
	if (max_connections && open_connections() >= max_connections) {
		close(cfd);
		return;
	}
	c = calloc(1, sizeof(*c));
	if (!c)
		abort();
	c->fd[0] = cfd;
	c->fd[1] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	setsockopt(cfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	setsockopt(c->fd[1], IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (connect(c->fd[1], (struct sockaddr *)&target, sizeof(target)) == 0)
		c->connected = true;
	else if (errno != EINPROGRESS) {
		close(cfd);
		close(c->fd[1]);
		free(c);
		return;
	}
	for (int d = 0; d < 2; d++) {
		c->dir[d].from = c->fd[d];
		c->dir[d].to = c->fd[!d];
		c->dir[d].reading = true;
	}
	c->next = conns;
	if (conns)
		conns->prev = c;
	conns = c;
	for (int side = 0; side < 2; side++) {
		struct epoll_event ev = { .events = 0 };
		ev.data.u64 = ((unsigned long long)(uintptr_t)c) | (unsigned long long)side;
		epoll_ctl(epfd, EPOLL_CTL_ADD, c->fd[side], &ev);
		watch(c, side);
	}
}

/* The earliest due chunk over every connection, as a wait: nanosecond
 * resolution (epoll_pwait2), since a wait rounded up to whole
 * milliseconds would double a 1 ms delay. */
static struct timespec next_timeout(void)
{
	long long earliest = -1, now = now_ns(), wait;

	for (struct conn *c = conns; c; c = c->next)
		for (int d = 0; d < 2; d++)
			if (c->dir[d].head && (earliest < 0 || c->dir[d].head->due_ns < earliest))
				earliest = c->dir[d].head->due_ns;
	wait = earliest < 0 ? 1000000000LL : earliest <= now ? 0 : earliest - now;
	return (struct timespec){ wait / 1000000000LL, wait % 1000000000LL };
}

static int wait_events(struct epoll_event *ev, int max)
{
	struct timespec t = next_timeout();
	int n = epoll_pwait2(epfd, ev, max, &t, NULL);

	if (n < 0 && errno == ENOSYS)     /* before Linux 5.11: millisecond waits */
		n = epoll_wait(epfd, ev, max, (int)(t.tv_sec * 1000 + (t.tv_nsec + 999999) / 1000000));
	return n;
}

static void service(struct conn *c, int side, unsigned events)
{
	bool ok = true;

	if (side == 1 && !c->connected && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
		int err = 0;
		socklen_t len = sizeof(err);
		getsockopt(c->fd[1], SOL_SOCKET, SO_ERROR, &err, &len);
		if (err) {
			conn_close(c);         /* target refused: the client sees a close */
			return;
		}
		c->connected = true;
	}
	if (c->connected && (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)))
		ok = pump_in(c, side);
	if (ok && c->connected)
		ok = pump_out(c, &c->dir[!side]);
	if (!ok || finished(c)) {
		conn_close(c);
		return;
	}
	watch(c, 0);
	watch(c, 1);
}

/* Everything due, on every connection: the timer's work. */
static void deliver_due(void)
{
	struct conn *c = conns;

	while (c) {
		struct conn *next = c->next;
		bool ok = true;

		if (c->connected)
			for (int d = 0; d < 2 && ok; d++)
				ok = pump_out(c, &c->dir[d]);
		if (!ok || finished(c))
			conn_close(c);
		else {
			watch(c, 0);
			watch(c, 1);
		}
		c = next;
	}
}

static int parse_target(const char *s)
{
	char host[64];
	const char *colon = strrchr(s, ':');
	long port;

	if (!colon || (size_t)(colon - s) >= sizeof(host))
		return -1;
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = 0;
	port = strtol(colon + 1, NULL, 10);
	target.sin_family = AF_INET;
	target.sin_port = htons((unsigned short)port);
	if (port < 1 || port > 65535 || inet_pton(AF_INET, host, &target.sin_addr) != 1)
		return -1;
	if ((ntohl(target.sin_addr.s_addr) >> 24) != 127) {
		fprintf(stderr, "latency-link: %s is outside 127.0.0.0/8; tests stay on loopback\n", host);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *target_arg = NULL;
	double delay_ms = 1;
	long listen_port = 0;
	struct sockaddr_in addr = { .sin_family = AF_INET };
	socklen_t alen = sizeof(addr);
	struct sigaction sa = { .sa_handler = on_signal };
	int lfd, one = 1;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--target") == 0 && i + 1 < argc)
			target_arg = argv[++i];
		else if (strcmp(argv[i], "--delay-ms") == 0 && i + 1 < argc)
			delay_ms = strtod(argv[++i], NULL);
		else if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc)
			listen_port = strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--max-connections") == 0 && i + 1 < argc)
			max_connections = strtol(argv[++i], NULL, 10);
		else {
			fprintf(stderr, "usage: latency-link --target 127.0.0.1:PORT [--delay-ms MS] [--listen PORT] [--max-connections N]\n");
			return 64;
		}
	}
	if (!target_arg || parse_target(target_arg) || delay_ms < 0 || delay_ms > 10000 ||
	    listen_port < 0 || listen_port > 65535 || max_connections < 0) {
		fprintf(stderr, "latency-link: give --target 127.0.0.1:PORT, --delay-ms 0..10000, --max-connections 0 or more\n");
		return 64;
	}
	delay_ns = (long long)(delay_ms * 1e6);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	{
		/* A blocked mask is inherited through exec: whoever started us
		 * must still be able to stop us by PID. */
		sigset_t set;
		sigemptyset(&set);
		sigaddset(&set, SIGTERM);
		sigaddset(&set, SIGINT);
		sigprocmask(SIG_UNBLOCK, &set, NULL);
	}
	signal(SIGPIPE, SIG_IGN);

	lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	addr.sin_port = htons((unsigned short)listen_port);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&addr, sizeof(addr)) || listen(lfd, 512))
		return die("listen");
	getsockname(lfd, (struct sockaddr *)&addr, &alen);
	if ((epfd = epoll_create1(EPOLL_CLOEXEC)) < 0)
		return die("epoll");
	{
		struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 1ULL << 63 };
		epoll_ctl(epfd, EPOLL_CTL_ADD, lfd, &ev);
	}
	printf("ready 127.0.0.1:%u\n", ntohs(addr.sin_port));
	fflush(stdout);

	while (!stop) {
		struct epoll_event ev[MAX_EVENTS];
		int n = wait_events(ev, MAX_EVENTS);

		for (int k = 0; k < n; k++) {
			unsigned long long u = ev[k].data.u64;
			if (u == 1ULL << 63) {
				accept_one(lfd);
				continue;
			}
			/* A conn closed earlier in this batch may still have events
			 * here: look it up before touching it. */
			struct conn *c = (struct conn *)(uintptr_t)(u & ~1ULL);
			struct conn *live = conns;
			while (live && live != c)
				live = live->next;
			if (live)
				service(c, (int)(u & 1ULL), ev[k].events);
		}
		deliver_due();
	}
	while (conns)
		conn_close(conns);
	close(lfd);
	return 0;
}
