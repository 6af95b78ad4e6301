/*
 * strbuf.h - a growable byte buffer that is always NUL-terminated.
 *
 * Invariants (as in git's strbuf):
 *  - buf is never NULL after strbuf_init; buf[len] == '\0' always;
 *  - the strbuf owns buf; strbuf_release frees it and re-initialises;
 *  - len counts bytes, not characters; embedded NULs are allowed;
 *  - only these functions write buf, len and alloc: callers read them,
 *    and shorten with strbuf_setlen, never by assigning len.
 * A strbuf reset with strbuf_reset keeps its allocation, so a loop that
 * reuses one buffer per record allocates only while records grow.
 */
#ifndef UCMIG_STRBUF_H
#define UCMIG_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

#include "base/compiler.h"

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
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap) UCMIG_PRINTF(2, 0);
/* Cut the contents to len bytes (len <= sb->len); the allocation stays. */
void strbuf_setlen(struct strbuf *sb, size_t len);
/* Hand the buffer to the caller (who frees it) and re-initialise. */
char *strbuf_detach(struct strbuf *sb);

/* Append s with ASCII letters in lowercase (keys compared without case). */
void strbuf_addlower(struct strbuf *sb, const char *s);
/* Narrow the span (*s, *len) to exclude ASCII white space at both ends. */
void span_trim(const char **s, size_t *len);

static inline void strbuf_reset(struct strbuf *sb)
{
	strbuf_setlen(sb, 0);
}

#endif
