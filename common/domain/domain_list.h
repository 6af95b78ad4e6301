/*
 * domain_list.h - a list of DNS domains as an option gives it
 * ("example.com,partner.example.net"): each a valid host name (labels of
 * letters, digits and '-', 1-63 characters, 253 in all), kept in lower
 * case, each once.
 *
 * Ownership: the list owns its strings.
 */
#ifndef UCMIG_DOMAIN_LIST_H
#define UCMIG_DOMAIN_LIST_H

#include <stdbool.h>
#include <stddef.h>

struct domain_list {
	char **name;
	size_t n, alloc;
};

void domain_list_init(struct domain_list *l);
void domain_list_free(struct domain_list *l);
/* Add each domain of text; 0, or 64 naming option and the bad domain. */
int domain_list_parse(struct domain_list *l, const char *option, const char *text);
/* Add one (already checked) name unless it is there. */
void domain_list_add(struct domain_list *l, const char *name);
bool domain_list_has(const struct domain_list *l, const char *name);
/* Is name a valid DNS host name? */
bool domain_name_valid(const char *name, size_t len);

#endif
