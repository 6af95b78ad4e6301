/*
 * domain_list.c - see domain_list.h.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/exitcode.h"
#include "base/grow.h"
#include "base/msg.h"
#include "domain/domain_list.h"

void domain_list_init(struct domain_list *l)
{
	memset(l, 0, sizeof(*l));
}

void domain_list_free(struct domain_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->name[i]);
	free(l->name);
	domain_list_init(l);
}

bool domain_name_valid(const char *name, size_t len)
{
	size_t label = 0;

	if (len == 0 || len > 253)
		return false;
	for (size_t i = 0; i <= len; i++) {
		if (i == len || name[i] == '.') {
			if (label == 0 || label > 63 || name[i - 1] == '-' || name[i - label] == '-')
				return false;
			label = 0;
		} else if (isalnum((unsigned char)name[i]) || name[i] == '-') {
			label++;
		} else {
			return false;
		}
	}
	return true;
}

bool domain_list_has(const struct domain_list *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcasecmp(l->name[i], name) == 0)
			return true;
	return false;
}

void domain_list_add(struct domain_list *l, const char *name)
{
	char *copy;

	if (domain_list_has(l, name))
		return;
	copy = xstrdup(name);
	for (char *p = copy; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	GROW(l->name, l->n + 1, l->alloc);
	l->name[l->n++] = copy;
}

int domain_list_parse(struct domain_list *l, const char *option, const char *text)
{
	const char *p = text;

	do {
		size_t len = strcspn(p, ",");
		char *one = xstrndup(p, len);

		if (!domain_name_valid(one, len)) {
			int status = fail(UCMIG_EX_USAGE, "%s: '%s' is not a domain name", option, one);

			free(one);
			return status;
		}
		domain_list_add(l, one);
		free(one);
		p += len;
	} while (*p++ == ',');
	return 0;
}
