/*
 * finding.c - see finding.h.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/strbuf.h"
#include "finding.h"

static const char *const names[VERDICT_COUNT] = { "PASS", "WARN", "FAIL" };

const char *verdict_name(enum verdict v)
{
	return names[v];
}

void findings_init(struct findings *f)
{
	memset(f, 0, sizeof(*f));
}

void findings_free(struct findings *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->item[i].subject);
		free(f->item[i].evidence);
	}
	free(f->item);
	findings_init(f);
}

void finding_add(struct findings *f, const char *check, enum verdict v, const char *subject,
		 const char *fmt, ...)
{
	struct strbuf evidence;
	va_list ap;

	strbuf_init(&evidence);
	va_start(ap, fmt);
	strbuf_vaddf(&evidence, fmt, ap);
	va_end(ap);
	GROW(f->item, f->n + 1, f->alloc);
	f->item[f->n++] = (struct finding){ check, xstrdup(subject), v, strbuf_detach(&evidence) };
}

void findings_move(struct findings *to, struct findings *from)
{
	GROW(to->item, to->n + from->n, to->alloc);
	memcpy(to->item + to->n, from->item, from->n * sizeof(*from->item));
	to->n += from->n;
	free(from->item);
	findings_init(from);
}
