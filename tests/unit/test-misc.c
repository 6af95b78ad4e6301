/*
 * test-misc.c - string set, output files, report, progress, messages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/cmdline.h"
#include "base/backoff.h"
#include "base/exitcode.h"
#include "base/fpset.h"
#include "base/grow.h"
#include "base/ini.h"
#include "base/strbuf.h"
#include "base/msg.h"
#include "base/outfile.h"
#include "base/progress.h"
#include "base/secret.h"
#include "base/report.h"
#include "base/strset.h"
#include "tap.h"

static void test_strset(void)
{
	struct strset set;
	bool added;
	char key[32];
	size_t pos = 0, seen = 0;

	strset_init(&set);
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "user%d", i);
		strset_add(&set, key, &added);
	}
	strset_add(&set, "user42", &added);
	tap_ok(!added, "a key already there is not added again");
	tap_is_int((long long)set.count, 5000, "5000 keys after growth");
	tap_ok(strset_find(&set, "user4999") && !strset_find(&set, "user5000"), "find");
	while (strset_next(&set, &pos))
		seen++;
	tap_is_int((long long)seen, 5000, "iteration visits every key");
	strset_clear(&set);
	tap_ok(set.count == 0 && !strset_find(&set, "user1"), "clear empties the set");
	strset_free(&set);
}

static bool exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static void test_outfile(void)
{
	char dir[] = "/tmp/ucmig-out.XXXXXX";
	char path[128], bad[160];
	struct outfile out;
	struct report rep;
	const char *err;
	FILE *fp;
	char line[128];

	if (!mkdtemp(dir))
		return;
	snprintf(path, sizeof(path), "%s/contacts.csv", dir);
	tap_is_int(outfile_open(&out, path), 0, "output opened");
	fputs("row\n", out.fp);
	tap_ok(!exists(path), "nothing at the final name before commit");
	tap_is_int(outfile_commit(&out), 0, "commit");
	tap_ok(exists(path), "file in place after commit");

	unlink(path);
	outfile_open(&out, path);
	fputs("half", out.fp);
	outfile_abort(&out);
	tap_ok(!exists(path), "abort leaves no file");
	tap_ok(rmdir(dir) == 0, "and no temporary file either");

	snprintf(bad, sizeof(bad), "%s/missing-dir/x.csv", dir);
	tap_stderr_begin();
	int rc = outfile_open(&out, bad);
	err = tap_stderr_end();
	tap_is_int(rc, UCMIG_EX_CANTCREAT, "uncreatable output is EX_CANTCREAT");
	tap_like(err, "missing-dir/x.csv: cannot create: No such file or directory", "message");

	mkdtemp(strcpy(dir, "/tmp/ucmig-rep.XXXXXX"));
	snprintf(path, sizeof(path), "%s/report.csv", dir);
	report_open(&rep, path);
	report_line(&rep, "sip:a@example.com", "export", RESULT_EXPORTED, "2 contacts, 3 rows");
	report_close(&rep);
	fp = fopen(path, "r");
	tap_ok(fp && fgets(line, sizeof(line), fp) && strcmp(line, "key,action,result,detail\r\n") == 0,
	       "report header");
	tap_ok(fp && fgets(line, sizeof(line), fp) &&
	       strcmp(line, "sip:a@example.com,export,exported,\"2 contacts, 3 rows\"\r\n") == 0,
	       "report line, quoted where needed");
	if (fp)
		fclose(fp);
	unlink(path);
	rmdir(dir);
	report_open(&rep, NULL);
	report_line(&rep, "k", "a", RESULT_FAILED, NULL);
	tap_is_int(report_close(&rep), 0, "a NULL report accepts calls");
}

static void test_progress_and_messages(void)
{
	struct progress p;
	const char *err;

	progress_start(&p, PROGRESS_ON);
	tap_ok(!progress_due(&p), "forced progress waits for the first second");
	usleep(1100 * 1000);
	tap_ok(progress_due(&p), "due after a second");
	tap_ok(!progress_due(&p), "then at most 5 times a second");
	progress_start(&p, PROGRESS_OFF);
	usleep(1100 * 1000);
	tap_ok(!progress_due(&p), "--no-progress is never due");
	/* stderr here is not a terminal (prove captures it or a file does) */
	tap_stderr_begin();
	progress_start(&p, PROGRESS_AUTO);
	err = tap_stderr_end();
	tap_ok(!p.enabled, "automatic progress is off when stderr is not a terminal");

	tap_stderr_begin();
	int rc = fail(UCMIG_EX_DATAERR, "%s:%d: bad thing '%s'", "users.txt", 12, "sip@x");
	warn("careful");
	msg_set_quiet(true);
	warn("hidden");
	note("hidden too");
	fail(UCMIG_EX_IOERR, "errors still show");
	msg_set_quiet(false);
	err = tap_stderr_end();
	tap_is_int(rc, UCMIG_EX_DATAERR, "fail returns its status");
	tap_is_str(err, "test-misc: users.txt:12: bad thing 'sip@x'\n"
			"test-misc: warning: careful\n"
			"test-misc: errors still show\n",
		   "message format; -q silences warnings and notes only");
}

static void test_backoff(void)
{
	const struct backoff sql = { .first_ms = 100, .max_ms = 1600 };
	const struct backoff ldap = { .first_ms = 100, .max_ms = 5000 };
	struct timespec ts;
	bool split_ok = true;

	ts = backoff_delay(&sql, 0);
	tap_ok(ts.tv_sec == 0 && ts.tv_nsec == 100000000L, "first retry waits 100 ms");
	ts = backoff_delay(&sql, 4);
	tap_ok(ts.tv_sec == 1 && ts.tv_nsec == 600000000L, "1.6 s is 1 s + 600,000,000 ns, not 1.6e9 ns");
	ts = backoff_delay(&sql, 40);
	tap_ok(ts.tv_sec == 1 && ts.tv_nsec == 600000000L, "the ceiling holds, no overflow at attempt 40");
	for (unsigned a = 0; a < 70; a++) {
		ts = backoff_delay(&ldap, a);
		split_ok &= ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000L && ts.tv_sec <= 5;
	}
	tap_ok(split_ok, "every delay is a valid timespec for nanosleep");
}

static void test_fpset_and_grow(void)
{
	struct fpset set = FPSET_INIT;
	int *a = NULL;
	size_t n = 0, alloc = 0;
	bool fresh = true, again = false;
	char key[32];

	for (int i = 0; i < 100000; i++) {
		snprintf(key, sizeof(key), "sip:user%d@example.com", i);
		fresh &= fpset_add(&set, key);
	}
	tap_ok(fresh, "100,000 distinct keys are all new");
	for (int i = 0; i < 100000; i += 997) {
		snprintf(key, sizeof(key), "sip:user%d@example.com", i);
		again |= fpset_add(&set, key);
	}
	tap_ok(!again, "a key seen before is not new");
	tap_ok(fpset_has(&set, "sip:user99999@example.com"), "has: a key that was added");
	tap_ok(!fpset_has(&set, "sip:user100000@example.com"), "has: a key that was not");
	tap_ok(!fpset_has(&set, "sip:user100000@example.com") && set.count == 100000, "has adds nothing");
	fpset_free(&set);
	tap_ok(!fpset_has(&set, "x"), "has on an empty set");

	for (int i = 0; i < 1000; i++) {
		GROW(a, n + 1, alloc);
		a[n++] = i;
	}
	tap_ok(n == 1000 && alloc >= 1000 && a[999] == 999 && a[0] == 0, "GROW keeps what was appended");
	free(a);
}

static int collect_ini(const struct ini_item *it, void *data)
{
	struct strbuf *sb = data;

	if (it->kind == INI_SECTION)
		strbuf_addf(sb, "[%s]@%lu ", it->section, it->line);
	else if (it->kind == INI_SETTING)
		strbuf_addf(sb, "%s=%s ", it->key, it->value);
	else
		strbuf_addf(sb, "raw:%s ", it->value);
	return 0;
}

static bool is_raw(const char *section)
{
	return strncmp(section, "query ", 6) == 0;
}

static void test_ini(void)
{
	const struct ini_syntax syntax = { is_raw };
	struct strbuf got = STRBUF_INIT;
	const char *err;
	int rc;

	rc = ini_parse("# c\n[a]\n k = v w \n; c\n[query q]\nSELECT 1\n;WITH x AS (SELECT 1)\n# c\n[b]\nk=\n",
		       "t.ini", &syntax, collect_ini, &got);
	tap_is_int(rc, 0, "INI: sections, settings, raw lines");
	tap_is_str(got.buf, "[a]@2 k=v w [query q]@5 raw:SELECT 1 raw:;WITH x AS (SELECT 1) [b]@9 k= ",
		   "INI: items in order, values trimmed, ';' kept in raw text");
	strbuf_reset(&got);

	tap_stderr_begin();
	rc = ini_parse("[a]\nk = 1\nk = 2\n", "t.ini", NULL, collect_ini, &got);
	err = tap_stderr_end();
	tap_is_int(rc, UCMIG_EX_CONFIG, "INI: a repeated key is a configuration error");
	tap_like(err, "t.ini:3: setting 'k' repeats line 2", "INI: message names both lines");

	tap_stderr_begin();
	rc = ini_parse("[DB]\n[x]\n[db]\n", "t.ini", NULL, collect_ini, &got);
	err = tap_stderr_end();
	tap_is_int(rc, UCMIG_EX_CONFIG, "INI: a repeated section (any case) is an error");
	tap_like(err, "t.ini:3: section 'db' repeats line 1", "INI: message names both lines");

	tap_stderr_begin();
	rc = ini_parse("k = 1\n", "t.ini", NULL, collect_ini, &got);
	err = tap_stderr_end();
	tap_like(err, "t.ini:1: setting outside any [section]", "INI: a setting before any section");
	tap_stderr_begin();
	rc = ini_parse("[a]\njunk\n", "t.ini", NULL, collect_ini, &got);
	err = tap_stderr_end();
	tap_like(err, "t.ini:2: expected KEY = VALUE", "INI: a line that is neither");
	tap_stderr_begin();
	rc = ini_parse("[a\n", "t.ini", NULL, collect_ini, &got);
	err = tap_stderr_end();
	tap_like(err, "t.ini:1: malformed section header", "INI: an unclosed header");
	strbuf_release(&got);
}

static void test_duration(void)
{
	static const struct {
		const char *arg;
		long want;                 /* -1: refused */
	} cases[] = {
		{ "4h", 14400 }, { "90m", 5400 }, { "1h30m", 5400 }, { "2d", 172800 }, { "600s", 600 },
		{ "120", 120 }, { "1d2h3m4s", 93784 }, { "30m1h", -1 }, { "1h1h", -1 }, { "h", -1 },
		{ "", -1 }, { "4x", -1 }, { "-5m", -1 }, { "5m3", -1 }, { "59s", -1 }, { "8d", -1 },
		{ "99999999999999999999h", -1 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		long got = -1;
		int status;

		tap_stderr_begin();
		status = cmdline_duration("window", cases[i].arg, 60, 7 * 86400, &got);
		tap_stderr_end();
		tap_is_int(status ? -1 : got, cases[i].want, cases[i].arg);
	}
}

/* Password files that would send something else than the password. */
static void test_password_files(void)
{
	static const struct {
		const char *data;
		size_t len;
		int want;
		const char *what;
	} cases[] = {
		{ "Pw\0Hidden\n", 10, UCMIG_EX_CONFIG, "a NUL byte is 78, not a password cut short" },
		{ "\xff\xfeP\0w\0\n\0", 8, UCMIG_EX_CONFIG, "a UTF-16LE file is 78, not its BOM sent" },
		{ "\xef\xbb\xbfPw\r\n", 7, 0, "a UTF-8 BOM and CRLF are not the password's" },
		{ "\n", 1, UCMIG_EX_CONFIG, "an empty password is 78" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *pw = NULL;
		int status;

		tap_stderr_begin();
		status = secret_from_file(tap_tempfile(cases[i].data, cases[i].len), &pw);
		tap_stderr_end();
		tap_is_int(status, cases[i].want, cases[i].what);
		if (!status) {
			tap_is_str(pw, "Pw", "the password as typed");
			secret_free(pw);
		}
	}
}

int main(int argc, char **argv)
{
	(void)argc;
	msg_init(argv[0]);
	test_strset();
	test_outfile();
	test_progress_and_messages();
	test_backoff();
	test_fpset_and_grow();
	test_ini();
	test_duration();
	test_password_files();
	return tap_done();
}
