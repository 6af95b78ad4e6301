/*
 * search_rule.c - see search_rule.h.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/csv_header.h"
#include "base/exitcode.h"
#include "base/grow.h"
#include "base/msg.h"
#include "domain/search_rule.h"

enum { COL_NAME, COL_PRIORITY, COL_SOURCE, COL_MODE, COL_TYPE, COL_PATTERN, COL_TARGET, COL_STATE,
       COL_COUNT };

static const struct csv_column columns[COL_COUNT] = {
	[COL_NAME] = { "Name" },
	[COL_PRIORITY] = { "Priority" },
	[COL_SOURCE] = { "Source" },
	[COL_MODE] = { "Mode" },
	[COL_TYPE] = { "Pattern type" },
	[COL_PATTERN] = { "Pattern string" },
	[COL_TARGET] = { "Target" },
	[COL_STATE] = { "State", true },
};

static const char *const mode_names[] = { [MODE_ANY_ALIAS] = "Any alias",
					  [MODE_PATTERN] = "Alias pattern match",
					  [MODE_ANY_IP] = "Any IP address" };
static const char *const type_names[] = { [PATTERN_EXACT] = "Exact", [PATTERN_PREFIX] = "Prefix",
					  [PATTERN_SUFFIX] = "Suffix", [PATTERN_REGEX] = "Regex" };
static const char *const state_names[] = { "Enabled", "Disabled" };

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *rule_pattern_name(enum rule_pattern t)
{
	return type_names[t];
}

void rule_set_init(struct rule_set *s)
{
	memset(s, 0, sizeof(*s));
}

void rule_set_free(struct rule_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->rule[i].name);
		free(s->rule[i].source);
		free(s->rule[i].pattern);
		free(s->rule[i].target);
	}
	free(s->rule);
	rule_set_init(s);
}

static int bad_word(const struct csv_record *rec, int column, const char *v, const char *const *names,
		    size_t n)
{
	struct strbuf all;
	int status;

	strbuf_init(&all);
	for (size_t i = 0; i < n; i++)
		strbuf_addf(&all, "%s'%s'", i ? (i + 1 == n ? " or " : ", ") : "", names[i]);
	status = fail(UCMIG_EX_DATAERR, "%s:%lu: %s '%s' is not %s", rec->file, rec->line,
		      columns[column].name, v, all.buf);
	strbuf_release(&all);
	return status;
}

static int on_rule(const struct csv_record *rec, const size_t *index, void *data)
{
	struct rule_set *s = data;
	struct search_rule r = { .line = rec->line };
	const char *v;
	char *end;
	unsigned long prio;
	int which;

	v = csv_field(rec, index, COL_PRIORITY);
	prio = strtoul(v, &end, 10);
	if (!isdigit((unsigned char)*v) || *end || prio < 1 || prio > 65534)
		return fail(UCMIG_EX_DATAERR, "%s:%lu: Priority '%s' is not a whole number from 1 to 65534",
			    rec->file, rec->line, v);
	r.priority = (unsigned)prio;
	v = csv_field(rec, index, COL_MODE);
	if ((which = csv_word(v, mode_names, COUNT(mode_names))) < 0)
		return bad_word(rec, COL_MODE, v, mode_names, COUNT(mode_names));
	r.mode = (enum rule_mode)which;
	v = csv_field(rec, index, COL_TYPE);
	if ((which = csv_word(v, type_names, COUNT(type_names))) < 0) {
		if (*v || r.mode == MODE_PATTERN)
			return bad_word(rec, COL_TYPE, v, type_names, COUNT(type_names));
		which = PATTERN_EXACT;
	}
	r.type = (enum rule_pattern)which;
	v = csv_field(rec, index, COL_STATE);
	if (*v && (which = csv_word(v, state_names, COUNT(state_names))) < 0)
		return bad_word(rec, COL_STATE, v, state_names, COUNT(state_names));
	r.disabled = *v && which == 1;
	if (!*csv_field(rec, index, COL_NAME))
		return fail(UCMIG_EX_DATAERR, "%s:%lu: Name is empty", rec->file, rec->line);
	if (r.mode == MODE_PATTERN && !*csv_field(rec, index, COL_PATTERN))
		return fail(UCMIG_EX_DATAERR, "%s:%lu: Pattern string is empty in an alias pattern match",
			    rec->file, rec->line);
	r.name = xstrdup(csv_field(rec, index, COL_NAME));
	r.source = xstrdup(csv_field(rec, index, COL_SOURCE));
	r.pattern = xstrdup(csv_field(rec, index, COL_PATTERN));
	r.target = xstrdup(csv_field(rec, index, COL_TARGET));
	GROW(s->rule, s->n + 1, s->alloc);
	s->rule[s->n++] = r;
	return 0;
}

int rule_set_load(struct rule_set *s, const char *path)
{
	return csv_read_named(path, columns, COL_COUNT, "search rule export", "rules", on_rule, s);
}

/* The most a pattern may repeat, multiplying its bounds: glibc's
 * regcomp copies a repeated subexpression once per repetition, so
 * "(a{100}){100}" is 10,000 copies and a few nested bounds more exhaust
 * memory (found by fuzz-search-rule). Search rules need a handful. */
#define MAX_REPEAT_PRODUCT 10000
/* glibc's regcomp recurses once per nesting level: 20,000 nested
 * parentheses crash it (SIGSEGV, found by an adversarial round). Search
 * rules nest a few levels. */
#define MAX_GROUP_DEPTH 32

static bool quantifier(char c)
{
	return c == '*' || c == '+' || c == '?' || c == '{';
}

/* The largest number in a bound "{m}", "{m,}" or "{m,n}" (1 if none),
 * at most MAX_REPEAT_PRODUCT + 1. */
static unsigned long brace_bound(const char *p, const char *end)
{
	unsigned long most = 1, n = 0;

	for (; p <= end; p++) {
		if (p < end && isdigit((unsigned char)*p)) {
			if ((n = n * 10 + (unsigned long)(*p - '0')) > MAX_REPEAT_PRODUCT)
				n = MAX_REPEAT_PRODUCT + 1;
			continue;
		}
		if (n > most)
			most = n;
		n = 0;
	}
	return most;
}

/* Python-style shorthands that POSIX extended expressions lack, outside
 * bracket expressions: "\d", "\D", "(?:", and lazy quantifiers ("*?",
 * which match the same whole aliases). What POSIX would read as a repeat
 * of a repeat ("a++", which Python refuses as well and which makes
 * regcomp's memory grow exponentially) and bounds that multiply past
 * MAX_REPEAT_PRODUCT, or groups nested deeper than MAX_GROUP_DEPTH, are
 * refused here, with why; everything else is left to regcomp to judge. */
static const char *translate(const char *p, struct strbuf *out)
{
	bool bracket = false, after_quantifier = false;
	unsigned long product = 1;
	int depth = 0;

	strbuf_addstr(out, "^(");
	for (; *p; p++) {
		if (!bracket && quantifier(*p)) {
			if (after_quantifier && *p == '?' && p[-1] != '?')
				continue;            /* lazy: the same whole matches */
			if (after_quantifier)
				return "a repeat of a repeat (such as '++')";
			after_quantifier = true;
			if (*p == '{' && strchr(p, '}')) {
				const char *close = strchr(p, '}');

				product *= brace_bound(p + 1, close);
				if (product > MAX_REPEAT_PRODUCT)
					return "repetition bounds that multiply past 10000";
				strbuf_add(out, p, (size_t)(close - p) + 1);
				p = close;
				continue;
			}
			strbuf_addch(out, *p);
			continue;
		}
		after_quantifier = false;
		if (*p == '\\' && p[1]) {
			if (!bracket && (p[1] == 'd' || p[1] == 'D'))
				strbuf_addstr(out, p[1] == 'd' ? "[0-9]" : "[^0-9]");
			else
				strbuf_add(out, p, 2);
			p++;
			continue;
		}
		if (!bracket && p[0] == '(' && p[1] == '?' && p[2] == ':') {
			if (++depth > MAX_GROUP_DEPTH)
				return "parentheses nested deeper than 32";
			strbuf_addch(out, '(');
			p += 2;
			continue;
		}
		if (*p == '[')
			bracket = true;
		else if (*p == ']' && bracket)
			bracket = false;
		else if (!bracket && *p == '(' && ++depth > MAX_GROUP_DEPTH)
			return "parentheses nested deeper than 32";
		else if (!bracket && *p == ')' && depth > 0)
			depth--;
		strbuf_addch(out, *p);
	}
	strbuf_addstr(out, ")$");
	return NULL;
}

int search_rule_compile(const char *pattern, regex_t *re, struct strbuf *why)
{
	struct strbuf ere;
	const char *refused;
	char msg[256];
	int rc;

	strbuf_init(&ere);
	if ((refused = translate(pattern, &ere))) {
		strbuf_addstr(why, refused);
		strbuf_release(&ere);
		return REG_BADRPT;
	}
	rc = regcomp(re, ere.buf, REG_EXTENDED | REG_ICASE | REG_NOSUB);
	strbuf_release(&ere);
	if (rc) {
		regerror(rc, re, msg, sizeof(msg));
		strbuf_addstr(why, msg);
		regfree(re);
	}
	return rc;
}

bool search_rule_matches(const struct search_rule *r, const char *alias)
{
	size_t n = strlen(r->pattern), a = strlen(alias);
	regex_t re;
	struct strbuf why;
	bool hit;

	if (r->disabled || r->mode == MODE_ANY_IP)
		return false;
	if (r->mode == MODE_ANY_ALIAS)
		return true;
	switch (r->type) {
	case PATTERN_EXACT:
		return strcasecmp(r->pattern, alias) == 0;
	case PATTERN_PREFIX:
		return a >= n && strncasecmp(r->pattern, alias, n) == 0;
	case PATTERN_SUFFIX:
		return a >= n && strcasecmp(r->pattern, alias + a - n) == 0;
	case PATTERN_REGEX:
		break;
	}
	strbuf_init(&why);
	hit = search_rule_compile(r->pattern, &re, &why) == 0;
	strbuf_release(&why);
	if (hit) {
		hit = regexec(&re, alias, 0, NULL, 0) == 0;
		regfree(&re);
	}
	return hit;
}

static bool domain_char(int c)
{
	return isalnum(c) || c == '-';
}

bool search_rule_escape_dots(const char *pattern, struct strbuf *fixed)
{
	bool bracket = false, any = false;

	strbuf_reset(fixed);
	for (const char *p = pattern; *p; p++) {
		if (*p == '\\' && p[1]) {
			strbuf_add(fixed, p, 2);
			p++;
			continue;
		}
		if (*p == '[')
			bracket = true;
		else if (*p == ']')
			bracket = false;
		if (*p == '.' && !bracket && p > pattern && domain_char((unsigned char)p[-1]) &&
		    domain_char((unsigned char)p[1])) {
			strbuf_addch(fixed, '\\');
			any = true;
		}
		strbuf_addch(fixed, *p);
	}
	return any;
}
