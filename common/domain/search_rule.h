/*
 * search_rule.h - Expressway search rules, as CSV with a header whose
 * columns are found by name (extra ones ignored):
 *
 *     Name,Priority,Source,Mode,Pattern type,Pattern string,Target
 *
 * with an optional "State" column (Enabled/Disabled). Mode is "Any
 * alias", "Alias pattern match" or "Any IP address"; Pattern type is
 * Exact, Prefix, Suffix or Regex (the pattern string may be empty only
 * when the mode matches no pattern). Priority is 1-65534. Anything else
 * is 65 naming file and line.
 *
 * Regex patterns are Expressway's (Python-style) regular expressions;
 * search_rule_compile translates the few shorthands POSIX lacks ("\d",
 * "\D", "(?:") and compiles the whole-alias match with regcomp, which is
 * what Expressway does: a rule matches the alias entirely or not at all.
 *
 * Ownership: the rule set owns its rules and their strings.
 */
#ifndef UCMIG_SEARCH_RULE_H
#define UCMIG_SEARCH_RULE_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/strbuf.h"

enum rule_mode { MODE_ANY_ALIAS, MODE_PATTERN, MODE_ANY_IP };
enum rule_pattern { PATTERN_EXACT, PATTERN_PREFIX, PATTERN_SUFFIX, PATTERN_REGEX };

struct search_rule {
	char *name, *source, *pattern, *target;
	unsigned priority;
	enum rule_mode mode;
	enum rule_pattern type;
	bool disabled;
	unsigned long line;
};

struct rule_set {
	struct search_rule *rule;
	size_t n, alloc;
};

void rule_set_init(struct rule_set *s);
void rule_set_free(struct rule_set *s);
int rule_set_load(struct rule_set *s, const char *path);

const char *rule_pattern_name(enum rule_pattern t);

/* Compile a Regex rule's pattern, anchored at both ends, into *re
 * (regfree it). 0, or regcomp's code with its message in *why. */
int search_rule_compile(const char *pattern, regex_t *re, struct strbuf *why);
/* Does the rule match alias (an enabled rule whose pattern compiles)? */
bool search_rule_matches(const struct search_rule *r, const char *alias);
/* The pattern with each dot written between two domain characters
 * escaped ("msexample\.com"); false if there was none. */
bool search_rule_escape_dots(const char *pattern, struct strbuf *fixed);

#endif
