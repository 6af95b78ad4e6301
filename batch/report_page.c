/*
 * report_page.c - see report_page.h: gather the facts once, write both.
 */
#include <stdio.h>

#include "base/outfile.h"
#include "facts.h"
#include "report_page.h"

int batch_report(const struct batch *b)
{
	struct batch_facts f;
	struct outfile html = { 0 }, json = { 0 };
	int status;

	if ((status = facts_load(&f, b)) || (status = outfile_open(&html, "report.html")) ||
	    (status = outfile_open(&json, "report.json")))
		goto out;
	page_html(&f, html.fp);
	page_json(&f, json.fp);
	if (!(status = outfile_commit(&html)) && !(status = outfile_commit(&json)))
		printf("%s/report.html\n%s/report.json\n", b->dir, b->dir);
out:
	if (status) {
		outfile_abort(&html);
		outfile_abort(&json);
	}
	facts_release(&f);
	return status;
}
