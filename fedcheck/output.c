/*
 * output.c - see output.h.
 */
#include <string.h>

#include "base/json.h"
#include "base/strbuf.h"
#include "output.h"

void output_text(FILE *out, const struct findings *f)
{
	size_t wcheck = strlen("CHECK"), wsubject = strlen("SUBJECT");

	for (size_t i = 0; i < f->n; i++) {
		if (strlen(f->item[i].check) > wcheck)
			wcheck = strlen(f->item[i].check);
		if (strlen(f->item[i].subject) > wsubject)
			wsubject = strlen(f->item[i].subject);
	}
	fprintf(out, "%-7s %-*s  %-*s  %s\n", "VERDICT", (int)wcheck, "CHECK", (int)wsubject, "SUBJECT",
		"EVIDENCE");
	for (size_t i = 0; i < f->n; i++)
		fprintf(out, "%-7s %-*s  %-*s  %s\n", verdict_name(f->item[i].verdict), (int)wcheck,
			f->item[i].check, (int)wsubject, f->item[i].subject, f->item[i].evidence);
}

void output_json(FILE *out, const struct findings *f)
{
	struct strbuf line;

	strbuf_init(&line);
	fputs("[", out);
	for (size_t i = 0; i < f->n; i++) {
		strbuf_reset(&line);
		strbuf_addstr(&line, "{\"check\":");
		json_add_string(&line, f->item[i].check);
		strbuf_addstr(&line, ",\"subject\":");
		json_add_string(&line, f->item[i].subject);
		strbuf_addstr(&line, ",\"verdict\":");
		json_add_string(&line, verdict_name(f->item[i].verdict));
		strbuf_addstr(&line, ",\"evidence\":");
		json_add_string(&line, f->item[i].evidence);
		strbuf_addch(&line, '}');
		fprintf(out, "%s\n%s", i ? "," : "", line.buf);
	}
	fputs("\n]\n", out);
	strbuf_release(&line);
}
