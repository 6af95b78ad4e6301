/*
 * test-cmdline.c - the typed option table (base/cmdline.h): each type's
 * parsing and error text, names defined twice, old spellings, and how
 * ucmig.conf's shared and tool sections treat them.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cmdline.h"
#include "base/exitcode.h"
#include "base/msg.h"
#include "base/result.h"
#include "tap.h"

struct sample {
	bool flag;
	int verbose;
	long count, seconds;
	const char *file, *dir, *text;
	int choice;
	const char *called;          /* the callback's last argument */
	int calls;
};

static int sample_callback(int id, const char *arg, void *data)
{
	struct sample *s = data;

	s->calls++;
	s->called = arg ? arg : "(none)";
	return id == 2 ? fail(UCMIG_EX_USAGE, "--refuse: no") : 0;
}

#define S struct sample
static const struct tool_option sample_options[] = {
	OPT_FLAG("flag", 'f', "a flag", S, flag),
	OPT_REPEAT("verbose", 'v', "more each time", S, verbose),
	OPT_NUMBER("count", 'c', "N", "a number", S, count, 1, 10),
	OPT_DURATION("wait", 0, "DURATION", "a duration", S, seconds, 60, 7200),
	OPT_FILE("file", 0, "FILE", "a file", S, file),
	OPT_DIR("dir", 0, "DIR", "a directory", S, dir),
	OPT_STRING("text", 't', "TEXT", "a string", S, text),
	OPT_CHOICE("pick", 0, "red|green|blue", "a choice", S, choice),
	OPT_CALLBACK("call", 0, "X", "a callback", 1),
	OPT_CALLBACK("refuse", 0, "X", "a callback that refuses", 2),
	OPT_ALIAS("old-count", "count"),
	OPT_END,
};
#undef S

static struct sample sample;

static const struct tool_spec sample_tool = {
	.name = "ucmig-sample",
	.synopsis = "[options]",
	.summary = "A table for the tests.",
	.group = { { "options", sample_options, sample_callback, &sample } },
};

/* Parse the words of line (split at spaces) as argv; the status. */
static int parse(const struct tool_spec *tool, const char *line, int *first)
{
	static char buf[512];
	char *argv[32] = { "ucmig-sample" };
	int argc = 1, dummy;
	struct common_opts common;

	memset(&sample, 0, sizeof(sample));
	sample.choice = -1;
	snprintf(buf, sizeof(buf), "%s", line);
	for (char *w = strtok(buf, " "); w && argc < 31; w = strtok(NULL, " "))
		argv[argc++] = w;
	argv[argc] = NULL;
	return cmdline_parse(tool, argc, argv, &common, first ? first : &dummy);
}

/* The status and what went to stderr. */
static int parse_quiet(const struct tool_spec *tool, const char *line, const char **err)
{
	int status;

	tap_stderr_begin();
	status = parse(tool, line, NULL);
	*err = tap_stderr_end();
	return status;
}

static void test_types(void)
{
	const char *err;
	int first;

	setenv("UCMIG_CONF", "/dev/null", 1);
	tap_is_int(parse(&sample_tool, "-f -vv --count 7 --wait 1h30m --file a.csv --dir out -t hi --pick green "
			 "--call x operand", &first), 0, "every type parses");
	tap_ok(sample.flag && sample.verbose == 2 && sample.count == 7 && sample.seconds == 5400,
	       "flag, repeat, number and duration stored");
	tap_ok(sample.file && sample.dir && sample.text && !strcmp(sample.file, "a.csv") &&
	       !strcmp(sample.dir, "out") && !strcmp(sample.text, "hi"),
	       "file, directory and string stored");
	tap_is_int(sample.choice, 1, "a choice is its index");
	tap_is_str(sample.called ? sample.called : "(not called)", "x", "a callback gets its argument");
	tap_is_int(first, 17, "the operand follows the options");

	tap_is_int(parse_quiet(&sample_tool, "--count 11", &err), UCMIG_EX_USAGE, "a number out of range: 64");
	tap_like(err, "--count: '11' is not a number from 1 to 10", "named with two dashes, from the row");
	tap_is_int(parse_quiet(&sample_tool, "--count 3x", &err), UCMIG_EX_USAGE, "not a number: 64");
	tap_is_int(parse_quiet(&sample_tool, "--wait 30s", &err), UCMIG_EX_USAGE, "a duration too short: 64");
	tap_like(err, "--wait: '30s' is not a duration from 60s to 7200s", "the duration's range named");
	tap_is_int(parse_quiet(&sample_tool, "--pick mauve", &err), UCMIG_EX_USAGE, "an unknown choice: 64");
	tap_like(err, "--pick: 'mauve' is not red, green or blue", "the choices listed");
	tap_is_int(parse_quiet(&sample_tool, "--refuse x", &err), UCMIG_EX_USAGE, "a callback's status is returned");
	tap_is_int(parse_quiet(&sample_tool, "--count", &err), UCMIG_EX_USAGE, "a missing argument: 64");
	tap_like(err, "needs an argument", "said so");
	tap_is_int(parse_quiet(&sample_tool, "--nope", &err), UCMIG_EX_USAGE, "an unknown option: 64");
	tap_like(err, "unknown option '--nope'", "named");
}

static void test_empty_names(void)
{
	static char empty[] = "";
	char *argv[] = { "ucmig-sample", "--file", empty, NULL };
	struct common_opts common;
	const char *err;
	int first, status;

	tap_stderr_begin();
	status = cmdline_parse(&sample_tool, 3, argv, &common, &first);
	err = tap_stderr_end();
	tap_is_int(status, UCMIG_EX_USAGE, "--file '' is 64 at once, not an error after the work");
	tap_like(err, "--file: the file name is empty", "said so");
	argv[1] = "--dir";
	tap_stderr_begin();
	status = cmdline_parse(&sample_tool, 3, argv, &common, &first);
	err = tap_stderr_end();
	tap_is_int(status, UCMIG_EX_USAGE, "--dir '' likewise");
	tap_like(err, "--dir: the directory name is empty", "said so");
}

static void test_alias(void)
{
	const char *err;

	tap_is_int(parse_quiet(&sample_tool, "--old-count 4", &err), 0, "an old spelling still works");
	tap_is_int(sample.count, 4, "and stores into the new option");
	tap_like(err, "--old-count is the old name of --count", "with a warning naming the new one");
	tap_is_int(parse_quiet(&sample_tool, "--old-count 40", &err), UCMIG_EX_USAGE, "its value checked by the new row");
	tap_like(err, "--count: '40' is not a number", "named by the new name");
	tap_ok(cmdline_on_command_line("count"), "counted as the new option given on the command line");
}

/* Tables that define a name twice fail before parsing, whatever argv. */
static void test_twice(void)
{
	static const struct tool_option other_long[] = {
		OPT_FLAG("flag", 0, "the same long name in another group", struct sample, flag), OPT_END,
	};
	static const struct tool_option other_short[] = {
		OPT_FLAG("other", 'f', "the same letter", struct sample, flag), OPT_END,
	};
	static const struct tool_option common_clash[] = {
		OPT_FLAG("report", 0, "a common option's name", struct sample, flag), OPT_END,
	};
	static const struct tool_option alias_clash[] = {
		OPT_ALIAS("flag", "count"), OPT_END,
	};
	static const struct tool_option alias_nowhere[] = {
		OPT_ALIAS("older", "no-such-option"), OPT_END,
	};
	const struct {
		const struct tool_option *table;
		const char *what, *says;
	} cases[] = {
		{ other_long, "a long name in two groups", "option --flag is defined twice" },
		{ other_short, "a letter in two groups", "option -f is both --flag and --other" },
		{ common_clash, "a common option's name", "option --report is defined twice" },
		{ alias_clash, "an old spelling that is a current name", "option --flag is defined twice" },
		{ alias_nowhere, "an old spelling of nothing", "--older is an old name of --no-such-option" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct tool_spec tool = sample_tool;
		const char *err;

		tool.group[1] = (struct option_group){ "more", cases[i].table, NULL, &sample };
		tap_is_int(parse_quiet(&tool, "--help", &err), UCMIG_EX_SOFTWARE, cases[i].what);
		tap_like(err, cases[i].says, "named");
		tap_stderr_begin();
		tap_is_int(cmdline_check_table(&tool), UCMIG_EX_SOFTWARE, "cmdline_check_table agrees");
		tap_stderr_end();
	}
	tap_is_int(cmdline_check_table(&sample_tool), 0, "the sample table is clean");
}

/* ucmig.conf: [ucmig] skips old spellings; a tool's section takes them. */
static void test_conf(void)
{
	const char *conf, *err;

	conf = tap_tempfile("[ucmig]\nold-count = 9\ncount = 3\n", strlen("[ucmig]\nold-count = 9\ncount = 3\n"));
	setenv("UCMIG_CONF", conf, 1);
	tap_is_int(parse_quiet(&sample_tool, "", &err), 0, "[ucmig]: an old spelling is skipped");
	tap_is_int(sample.count, 3, "only the current name counts there");
	tap_ok(!strstr(err, "old name"), "and no warning");

	conf = tap_tempfile("[ucmig-sample]\nold-count = 5\nflag = yes\npick = blue\n", strlen("[ucmig-sample]\nold-count = 5\nflag = yes\npick = blue\n"));
	setenv("UCMIG_CONF", conf, 1);
	tap_is_int(parse_quiet(&sample_tool, "", &err), 0, "[ucmig-sample]: an old spelling is taken");
	tap_is_int(sample.count, 5, "into the new option");
	tap_like(err, ":2: --old-count is the old name of --count", "with a warning naming file and line");
	tap_ok(sample.flag && sample.choice == 2, "flags and choices from the file");
	tap_ok(!cmdline_on_command_line("count"), "from the file, not the command line");

	tap_is_int(parse_quiet(&sample_tool, "--count 1", &err), 0, "the command line wins over the old spelling");
	tap_is_int(sample.count, 1, "its value kept");

	conf = tap_tempfile("[ucmig-sample]\ncount = 99\n", strlen("[ucmig-sample]\ncount = 99\n"));
	setenv("UCMIG_CONF", conf, 1);
	tap_is_int(parse_quiet(&sample_tool, "", &err), UCMIG_EX_CONFIG, "a value the row refuses is 78");
	tap_like(err, ":2: the value of count is not usable", "naming the line");
	setenv("UCMIG_CONF", "/dev/null", 1);
}

static void test_listing(void)
{
	char buf[4096] = "";
	FILE *f = fmemopen(buf, sizeof(buf) - 1, "w");

	cmdline_list_options(&sample_tool, f);
	fclose(f);
	tap_like(buf, "count\tc\tnumber\tN\n", "--list-options: a number with its letter");
	tap_like(buf, "pick\t-\tchoice\tred|green|blue\n", "a choice with its choices");
	tap_like(buf, "old-count\t-\talias\tcount\n", "an old spelling with its new name");
	tap_like(buf, "help\th\tflag\t-\n", "the common options too");
	tap_ok(!strstr(buf, "list-options"), "but not itself");
}

/* The one table of result tokens: one spelling style, none twice, each
 * with an effect and a meaning. */
static void test_results(void)
{
	bool style = true, once = true, complete = true;

	for (int r = 0; r < RESULT_COUNT; r++) {
		const char *t = result_table[r].token;

		if (!t || !*t || t[0] == '-' || t[strlen(t) - 1] == '-' || strspn(t, "abcdefghijklmnopqrstuvwxyz-") != strlen(t))
			style = false;
		for (int q = 0; t && q < r; q++)
			if (result_table[q].token && strcmp(result_table[q].token, t) == 0)
				once = false;
		if (result_table[r].effect == OUTCOME_AS_RESULT || !result_table[r].meaning ||
		    !*result_table[r].meaning)
			complete = false;
	}
	tap_ok(style, "every result token is lower case, words joined by '-'");
	tap_ok(once, "no token twice");
	tap_ok(complete, "every token has its effect and meaning");
	tap_is_str(result_token(RESULT_ALREADY_DISABLED), "already-disabled", "a token by its name");

	enum result back = RESULT_FAILED;
	bool every = true;
	for (int r = 0; r < RESULT_COUNT; r++)
		every = every && result_from_token(result_table[r].token, &back) && back == (enum result)r;
	tap_ok(every, "every token read back is its own result");
	tap_ok(!result_from_token("Disabled", &back) && !result_from_token("disabled ", &back) &&
	       !result_from_token("", &back), "a word not in the table, or spelled otherwise, is none");
}

int main(int argc, char **argv)
{
	(void)argc;
	msg_init(argv[0]);
	test_types();
	test_empty_names();
	test_alias();
	test_twice();
	test_conf();
	test_listing();
	test_results();
	return tap_done();
}
