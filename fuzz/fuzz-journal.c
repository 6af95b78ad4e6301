/* fuzz-journal.c - disable's journal records, as resume, undo and
 * delete's interlock read them. */
#include "domain/disable_journal.h"
#include "fuzz.h"

static int count(const struct disable_record *rec, unsigned long line, void *data)
{
	(void)rec;
	(void)line;
	++*(size_t *)data;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n = 0;

	fuzz_quiet();
	disable_journal_replay(fuzz_file(data, size), count, &n);
	return 0;
}
