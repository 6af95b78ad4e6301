/*
 * test-csv.c - the strict CSV reader and the RFC 4180 writer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/csvin.h"
#include "base/csvout.h"
#include "base/exitcode.h"
#include "base/msg.h"
#include "tap.h"

#define S(lit) lit, sizeof(lit) - 1

/* Records joined as "line:f1/f2/...;" for comparison. */
static int collect(const struct csv_record *rec, void *data)
{
	struct strbuf *out = data;

	strbuf_addf(out, "%lu:", rec->line);
	for (size_t i = 0; i < rec->nfields; i++)
		strbuf_addf(out, "%s%s", i ? "/" : "", rec->field[i]);
	strbuf_addch(out, ';');
	return 0;
}

static int parse(const void *data, size_t len, size_t min, size_t max, struct strbuf *out,
		 const char **err)
{
	const char *path = tap_tempfile(data, len);
	struct csvin_options opt = { min, max };
	struct textin in;
	int rc;

	tap_stderr_begin();
	if (!(rc = textin_open(&in, path))) {
		rc = csvin_read(&in, &opt, collect, out);
		textin_close(&in);
	}
	*err = tap_stderr_end();
	unlink(path);
	return rc;
}

static void test_reader(void)
{
	struct strbuf r = STRBUF_INIT;
	const char *err;

	tap_is_int(parse(S("a,b,c\r\n d , e ,\"f\"\n"), 3, 3, &r, &err), 0, "simple records");
	tap_is_str(r.buf, "1:a/b/c;2: d / e /f;", "spaces are kept, quotes removed");
	strbuf_reset(&r);

	tap_is_int(parse(S("x,\"multi\nline, \"\"quoted\"\"\",z\nnext,2,3\n"), 3, 3, &r, &err), 0,
		   "quoted field across lines");
	tap_is_str(r.buf, "1:x/multi\nline, \"quoted\"/z;3:next/2/3;",
		   "embedded newline and doubled quotes; next record's line is right");
	strbuf_reset(&r);

	tap_is_int(parse(S("\n\na,b\n\n"), 2, 2, &r, &err), 0, "blank lines skipped");
	tap_is_str(r.buf, "3:a/b;", "record line counts the blank lines");
	strbuf_reset(&r);

	tap_is_int(parse(S("a,b,c\na,b\n"), 3, 3, &r, &err), UCMIG_EX_DATAERR, "short record is an error");
	tap_like(err, ":2: expected 3 fields, found 2", "column count message with line");
	strbuf_reset(&r);

	tap_is_int(parse(S("a,b\na,b,c,d\n"), 2, 3, &r, &err), UCMIG_EX_DATAERR, "long record is an error");
	tap_like(err, ":2: expected 2 to 3 fields, found 4", "range message");
	strbuf_reset(&r);

	tap_is_int(parse(S("a,b\nok,\"never closed\nmore\n"), 2, 2, &r, &err), UCMIG_EX_DATAERR,
		   "unterminated quote is an error");
	tap_like(err, "unterminated quoted field (opened on line 2)", "names where the quote opened");
	strbuf_reset(&r);

	tap_is_int(parse(S("a,b\nab\"c,d\n"), 2, 2, &r, &err), UCMIG_EX_DATAERR,
		   "stray quote in an unquoted field is an error");
	tap_like(err, ":2:3: malformed CSV", "stray quote names line and column");
	strbuf_reset(&r);

	tap_is_int(parse(S("a,b\n\"x\"y,d\n"), 2, 2, &r, &err), UCMIG_EX_DATAERR,
		   "text after a closing quote is an error");
	tap_like(err, ":2:4: malformed CSV", "closing-quote error names its column");
	strbuf_reset(&r);

	tap_is_int(parse(S("\xFF\xFE" "a\x00,\x00\xE9\x00\r\x00\n\x00"), 2, 2, &r, &err), 0,
		   "UTF-16LE CSV from PowerShell");
	tap_is_str(r.buf, "1:a/\xC3\xA9;", "decoded to UTF-8");
	strbuf_reset(&r);

	tap_is_int(parse(S("a,b\nc,\xC3\n"), 2, 2, &r, &err), UCMIG_EX_DATAERR, "invalid UTF-8 in CSV");
	tap_like(err, ":2:3: invalid UTF-8", "invalid UTF-8 names line and column");
	strbuf_release(&r);
}

static void test_writer(void)
{
	const char *fields[] = { "plain", "with,comma", "with \"quote\"", "line\nbreak", "", " sp " };
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	csv_write_record(fp, fields, 6);
	fclose(fp);
	tap_is_str(buf, "plain,\"with,comma\",\"with \"\"quote\"\"\",\"line\nbreak\",, sp \r\n",
		   "quotes only where needed, CRLF record end");
	free(buf);
}

int main(void)
{
	msg_init("test-csv");
	test_reader();
	test_writer();
	return tap_done();
}
