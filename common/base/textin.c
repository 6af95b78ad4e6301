/*
 * textin.c - see textin.h.
 *
 * The BOM is looked at once, on the first read. UTF-16LE is decoded into
 * UTF-8 as lines are assembled, so a surrogate pair or a CRLF split across
 * two reads is handled by carrying state in the raw buffer, not by reading
 * the whole file.
 */
#include "base/textin.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "base/exitcode.h"
#include "base/infile.h"
#include "base/interrupt.h"
#include "base/msg.h"
#include "base/utf8.h"

void textin_from_fd(struct textin *in, int fd, const char *name)
{
	memset(in, 0, sizeof(*in));
	in->fd = fd;
	in->name = name;
	strbuf_init(&in->line);
}

int textin_open(struct textin *in, const char *path)
{
	int fd, status;

	if ((status = infile_open(path, &fd)))
		return status;
	textin_from_fd(in, fd, infile_display_name(path));
	return 0;
}

void textin_close(struct textin *in)
{
	infile_close(in->fd);
	strbuf_release(&in->line);
}

/* Refill raw, keeping the unconsumed tail (a split UTF-16 unit or pair). */
static int fill(struct textin *in)
{
	size_t keep = in->raw_len - in->raw_pos;
	ssize_t n;

	memmove(in->raw, in->raw + in->raw_pos, keep);
	in->raw_len = keep;
	in->raw_pos = 0;
	do
		n = read(in->fd, in->raw + keep, sizeof(in->raw) - keep);
	while (n < 0 && errno == EINTR && !interrupt_requested());
	if (n < 0 && interrupt_requested())
		return interrupt_status();       /* a stop, not a read error */
	if (n < 0)
		return fail(UCMIG_EX_IOERR, "%s: read error:", in->name);
	if (n == 0)
		in->eof = true;
	in->raw_len += (size_t)n;
	in->bytes_read += (size_t)n;
	return 0;
}

static int detect_encoding(struct textin *in)
{
	while (in->raw_len < 3 && !in->eof) {
		int rc = fill(in);
		if (rc)
			return rc;
	}
	in->started = true;
	if (in->raw_len >= 3 && memcmp(in->raw, "\xEF\xBB\xBF", 3) == 0) {
		in->raw_pos = 3;
	} else if (in->raw_len >= 2 && memcmp(in->raw, "\xFF\xFE", 2) == 0) {
		in->encoding = TEXTIN_UTF16LE;
		in->raw_pos = 2;
	} else if (in->raw_len >= 2 && memcmp(in->raw, "\xFE\xFF", 2) == 0) {
		return fail(UCMIG_EX_DATAERR,
			     "%s: UTF-16 big-endian is not supported; save the file as UTF-8 or UTF-16LE",
			     in->name);
	}
	return 0;
}

/* Append raw bytes up to and including the next '\n' to in->line.
 * Returns 1 when a newline was seen, 0 when the buffer ran dry. */
static int scan_utf8(struct textin *in)
{
	unsigned char *start = in->raw + in->raw_pos;
	size_t avail = in->raw_len - in->raw_pos;
	unsigned char *nl = memchr(start, '\n', avail);
	size_t take = nl ? (size_t)(nl - start) + 1 : avail;

	strbuf_add(&in->line, start, take);
	in->raw_pos += take;
	return nl != NULL;
}

static int scan_utf16le(struct textin *in, int *status)
{
	while (in->raw_len - in->raw_pos >= 2) {
		unsigned char *p = in->raw + in->raw_pos;
		uint32_t cp = (uint32_t)p[0] | ((uint32_t)p[1] << 8);
		size_t used = 2;
		char out[4];

		if (cp >= 0xD800 && cp <= 0xDBFF) {
			if (in->raw_len - in->raw_pos < 4) {
				if (in->eof)
					goto lone;
				return 0; /* the low half is in the next read */
			}
			uint32_t lo = (uint32_t)p[2] | ((uint32_t)p[3] << 8);
			if (lo < 0xDC00 || lo > 0xDFFF)
				goto lone;
			cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			used = 4;
		} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
			goto lone;
		}
		in->raw_pos += used;
		strbuf_add(&in->line, out, utf8_encode(cp, out));
		if (cp == '\n')
			return 1;
	}
	if (in->eof && in->raw_len - in->raw_pos == 1) {
		*status = fail(UCMIG_EX_DATAERR, "%s:%lu: UTF-16 file ends in the middle of a character",
				in->name, in->lineno + 1);
		return -1;
	}
	return 0;
lone:
	*status = fail(UCMIG_EX_DATAERR, "%s:%lu:%zu: unpaired UTF-16 surrogate",
			in->name, in->lineno + 1, utf8_length(in->line.buf, in->line.len) + 1);
	return -1;
}

void textin_ungetline(struct textin *in)
{
	in->replay = true;
	in->lineno--;
}

/* No administrator's list, export or map has a line this long: a file
 * that does is refused before it fills memory. */
static int too_long(const struct textin *in)
{
	if (in->line.len <= TEXTIN_MAX_LINE)
		return 0;
	return fail(UCMIG_EX_DATAERR, "%s:%lu: a line longer than %d MiB: not a text file of this kind",
		    in->name, in->lineno + 1, TEXTIN_MAX_LINE >> 20);
}

int textin_getline(struct textin *in, const char **line, size_t *len)
{
	int status = 0;

	*line = NULL;
	*len = 0;
	if (in->replay) {
		in->replay = false;
		in->lineno++;
		*line = in->line.buf;
		*len = in->line.len;
		return 0;
	}
	if (!in->started && (status = detect_encoding(in)))
		return status;
	strbuf_reset(&in->line);
	for (;;) {
		int got;

		if (in->encoding == TEXTIN_UTF8)
			got = scan_utf8(in);
		else
			got = scan_utf16le(in, &status);
		if (got < 0)
			return status;
		if (got)
			break;
		if (in->eof)
			break;
		if ((status = too_long(in)) || (status = fill(in)))
			return status;
	}
	if ((status = too_long(in)))
		return status;
	if (in->line.len == 0)
		return 0;
	in->lineno++;
	/* Normalise the ending: CRLF and a missing final newline become '\n'. */
	if (in->line.buf[in->line.len - 1] != '\n')
		strbuf_addch(&in->line, '\n');
	if (in->line.len >= 2 && in->line.buf[in->line.len - 2] == '\r') {
		strbuf_setlen(&in->line, in->line.len - 2);
		strbuf_addch(&in->line, '\n');
	}
	size_t bad = utf8_invalid_at(in->line.buf, in->line.len);
	if (bad != in->line.len)
		return fail(UCMIG_EX_DATAERR, "%s:%lu:%zu: invalid UTF-8 (byte 0x%02X)",
			     in->name, in->lineno, utf8_length(in->line.buf, bad) + 1,
			     (unsigned char)in->line.buf[bad]);
	const char *nul = memchr(in->line.buf, '\0', in->line.len);
	if (nul)
		return fail(UCMIG_EX_DATAERR, "%s:%lu:%zu: NUL byte in text (is this a binary file?)",
			     in->name, in->lineno, utf8_length(in->line.buf, (size_t)(nul - in->line.buf)) + 1);
	*line = in->line.buf;
	*len = in->line.len;
	return 0;
}
