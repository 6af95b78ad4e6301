/*
 * test-text.c - UTF-8, base64, text input decoding (BOM, UTF-16LE, CRLF).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/base64.h"
#include "base/exitcode.h"
#include "base/msg.h"
#include "tap.h"
#include "base/textin.h"
#include "base/utf8.h"

#define S(lit) lit, sizeof(lit) - 1

static void test_utf8(void)
{
	char buf[4];

	tap_ok(utf8_valid(S("plain ascii")), "ASCII is valid UTF-8");
	tap_ok(utf8_valid(S("\xC3\xA9quipe \xE6\x9D\x8E \xF0\x9F\x98\x80")), "2, 3 and 4 byte sequences");
	tap_is_int((long long)utf8_invalid_at(S("ab\xC3")), 2, "truncated sequence found at its start");
	tap_is_int((long long)utf8_invalid_at(S("a\xC0\xAF")), 1, "overlong form rejected");
	tap_is_int((long long)utf8_invalid_at(S("\xED\xA0\x80")), 0, "encoded surrogate rejected");
	tap_is_int((long long)utf8_invalid_at(S("x\xF4\x90\x80\x80")), 1, "above U+10FFFF rejected");
	tap_is_int((long long)utf8_invalid_at(S("\x80")), 0, "stray continuation byte rejected");
	tap_is_int((long long)utf8_length(S("Jos\xC3\xA9")), 4, "length counts code points");
	tap_is_int((long long)utf8_encode(0x1F600, buf), 4, "U+1F600 encodes in 4 bytes");
	tap_ok(memcmp(buf, "\xF0\x9F\x98\x80", 4) == 0, "U+1F600 bytes");
}

static void test_base64(void)
{
	struct strbuf out = STRBUF_INIT;

	tap_ok(base64_decode(S("fg=="), &out) && strcmp(out.buf, "~") == 0, "fg== is '~'");
	strbuf_reset(&out);
	tap_ok(base64_decode(S("w4lxdWlwZQ=="), &out) && strcmp(out.buf, "\xC3\x89quipe") == 0,
	       "UTF-8 name decodes");
	strbuf_reset(&out);
	tap_ok(base64_decode(S("Qm9i"), &out) && strcmp(out.buf, "Bob") == 0, "no padding needed");
	strbuf_reset(&out);
	tap_ok(!base64_decode(S("Bob"), &out), "length not a multiple of 4 is not base64");
	tap_ok(!base64_decode(S("Carol (P)"), &out), "plain text is not base64");
	tap_ok(!base64_decode(S("fh=="), &out), "non-zero bits under padding rejected");
	tap_ok(!base64_decode(S("f=g="), &out), "padding in the middle rejected");
	tap_is_int((long long)out.len, 0, "failed decode leaves the buffer as it was");
	strbuf_release(&out);
}

/* All lines of a file through textin, joined with '|' (newlines dropped). */
static int read_all(const void *data, size_t len, struct strbuf *joined)
{
	const char *path = tap_tempfile(data, len);
	struct textin in;
	const char *line;
	size_t n;
	int rc;

	if ((rc = textin_open(&in, path)))
		return rc;
	while (!(rc = textin_getline(&in, &line, &n)) && line) {
		strbuf_add(joined, line, n - 1);
		strbuf_addch(joined, '|');
	}
	textin_close(&in);
	unlink(path);
	return rc;
}

/* Reading data must fail as bad data with a message containing want. */
static void read_fails(const void *data, size_t len, const char *what, const char *want)
{
	struct strbuf j = STRBUF_INIT;
	char name[128];
	const char *err;
	int rc;

	tap_stderr_begin();
	rc = read_all(data, len, &j);
	err = tap_stderr_end();
	snprintf(name, sizeof(name), "%s is a data error", what);
	tap_is_int(rc, UCMIG_EX_DATAERR, name);
	snprintf(name, sizeof(name), "%s: message says where", what);
	tap_like(err, want, name);
	strbuf_release(&j);
}

static void test_textin(void)
{
	struct strbuf j = STRBUF_INIT;
	const char *err;
	int rc;

	tap_is_int(read_all(S("a\nb\r\nc"), &j), 0, "LF, CRLF and no final newline read");
	tap_is_str(j.buf, "a|b|c|", "line endings normalised");
	strbuf_reset(&j);
	tap_is_int(read_all(S("\xEF\xBB\xBFsip:a@example.com\r\n"), &j), 0, "UTF-8 BOM read");
	tap_is_str(j.buf, "sip:a@example.com|", "BOM dropped");
	strbuf_reset(&j);
	/* "é\r\n😀\n" in UTF-16LE with BOM, the emoji as a surrogate pair. */
	tap_is_int(read_all(S("\xFF\xFE\xE9\x00\r\x00\n\x00\x3D\xD8\x00\xDE\n\x00"), &j), 0,
		   "UTF-16LE with BOM read");
	tap_is_str(j.buf, "\xC3\xA9|\xF0\x9F\x98\x80|", "UTF-16LE converted to UTF-8, CRLF dropped");
	strbuf_reset(&j);

	read_fails(S("ok\nbad \xFF here\n"), "invalid UTF-8",
		   ":2:5: invalid UTF-8 (byte 0xFF)");
	read_fails(S("\xFF\xFE" "a\x00\n\x00\x00\xDC\n\x00"), "lone low surrogate",
		   ":2:1: unpaired UTF-16 surrogate");
	read_fails(S("\xFF\xFE" "a\x00\n"), "odd byte count in UTF-16",
		   "ends in the middle of a character");
	read_fails(S("\xFE\xFF\x00" "a"), "UTF-16BE", "big-endian is not supported");
	read_fails(S("a\nb\0c\n"), "NUL byte", ":2:2: NUL byte");
	strbuf_release(&j);

	tap_stderr_begin();
	struct textin in;
	rc = textin_open(&in, "/nonexistent/users.txt");
	err = tap_stderr_end();
	tap_is_int(rc, UCMIG_EX_NOINPUT, "missing file is EX_NOINPUT");
	tap_like(err, "/nonexistent/users.txt: cannot open: No such file or directory",
		 "message names the file and the system error");
	tap_stderr_begin();
	rc = textin_open(&in, "/tmp");
	err = tap_stderr_end();
	tap_is_int(rc, UCMIG_EX_NOINPUT, "a directory is refused");
	tap_like(err, "/tmp: is a directory", "directory message");
}

/* A line past TEXTIN_MAX_LINE is refused with file and line, not held. */
static void test_long_line(void)
{
	size_t n = TEXTIN_MAX_LINE + 4096;
	char *big = malloc(n + 8);
	struct textin in;
	const char *line, *err;
	size_t len;
	int status;

	memcpy(big, "ok\n", 3);
	memset(big + 3, 'x', n);
	big[n + 3] = '\n';
	if (textin_open(&in, tap_tempfile(big, n + 4)) != 0) {
		tap_ok(false, "a long line: the file opens");
		free(big);
		return;
	}
	tap_is_int(textin_getline(&in, &line, &len), 0, "a short first line reads");
	tap_stderr_begin();
	status = textin_getline(&in, &line, &len);
	err = tap_stderr_end();
	tap_is_int(status, UCMIG_EX_DATAERR, "a line over 1 MiB is 65");
	tap_like(err, ":2: a line longer than 1 MiB", "naming its line");
	textin_close(&in);
	free(big);
}

int main(void)
{
	msg_init("test-text");
	test_utf8();
	test_base64();
	test_textin();
	test_long_line();
	return tap_done();
}
