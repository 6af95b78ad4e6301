/*
 * strbuf.h - a growable byte buffer that is always NUL-terminated.
 *
 * Invariants (as in git's strbuf):
 *  - buf is never NULL after strbuf_init; buf[len] == '\0' always;
 *  - the strbuf owns buf; strbuf_release frees it and re-initialises;
 *  - len counts bytes, not characters; embedded NULs are allowed.
 * A strbuf reset with strbuf_reset keeps its allocation, so a loop that
 * reuses one buffer per record allocates only while records grow.
 */
#ifndef UCMIG_STRBUF_H
#define UCMIG_STRBUF_H

#include <stddef.h>

#include "base/msg.h"

struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
};

#define STRBUF_INIT { strbuf_empty, 0, 0 }
extern char strbuf_empty[];

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) UCMIG_PRINTF(2, 3);
/* Hand the buffer to the caller (who frees it) and re-initialise. */
char *strbuf_detach(struct strbuf *sb);

/* Append s with ASCII letters in lowercase (keys compared without case). */
void strbuf_addlower(struct strbuf *sb, const char *s);
/* Narrow the span (*s, *len) to exclude ASCII white space at both ends. */
void span_trim(const char **s, size_t *len);

static inline void strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->alloc)
		sb->buf[0] = '\0';
}

#endif
