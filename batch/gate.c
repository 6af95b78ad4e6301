/*
 * gate.c - see gate.h.
 */
#include <stdio.h>
#include <unistd.h>

#include "base/interrupt.h"
#include "base/outfile.h"
#include "base/msg.h"
#include "domain/disable_journal.h"
#include "gate.h"

static int latest_done(const struct disable_record *rec, unsigned long line, void *data)
{
	time_t *latest = data;

	(void)line;
	if (rec->event == DISABLE_DONE && rec->time > *latest)
		*latest = rec->time;
	return 0;
}

int gate_opens(const struct batch *b, time_t *opens)
{
	struct strbuf journal = STRBUF_INIT;
	time_t latest = 0;
	int status;

	phase_path(b, PHASE_DISABLE, "journal", &journal);
	/* No journal: the disable had nobody to act on. */
	status = access(journal.buf, F_OK) != 0 ? 0
						 : disable_journal_replay(journal.buf, JOURNAL_OF_ENABLED, latest_done, &latest);
	strbuf_release(&journal);
	*opens = latest && b->min_age_minutes ? latest + b->min_age_minutes * 60 : 0;
	return status;
}

int gate_wait(time_t opens)
{
	bool tty = isatty(STDERR_FILENO);
	char at[6];
	time_t now;

	batch_clock(opens, at);
	note("gate: waiting until %s for the Microsoft server's replication (^C stops; run again to go on)", at);
	while (!interrupt_requested() && (now = time(NULL)) < opens) {
		long left = opens - now;

		if (tty)
			fprintf(stderr, "\rgate opens in %02ld:%02ld:%02ld ", left / 3600, left / 60 % 60, left % 60);
		else if (left % 300 == 0)
			note("gate: %ld min to go", left / 60);
		sleep(1);
	}
	if (tty)
		fputs("\r\033[K", stderr);
	return interrupt_status();
}

int gate_mark_open(const struct batch *b, time_t opens)
{
	struct strbuf path = STRBUF_INIT;
	struct outfile out = { 0 };
	int status;

	phase_path(b, PHASE_GATE, GATE_OPENED, &path);
	if (!(status = phase_mkdir(b, PHASE_GATE)) && !(status = outfile_open(&out, path.buf))) {
		fprintf(out.fp, "%lld\n", (long long)opens);
		status = outfile_commit(&out);
	}
	strbuf_release(&path);
	return status;
}
