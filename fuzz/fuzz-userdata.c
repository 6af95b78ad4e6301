/* fuzz-userdata.c - Export-CsUserData ZIP, DocItemSet.xml, dbimpexp XML. */
#include "fuzz.h"
#include "userdata/userdata_source.h"
#include "userdata/userdata_xml.h"

static int on_user(const struct contact_list *cl, void *data)
{
	(void)cl;
	++*(size_t *)data;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct userdata_source src;
	size_t users = 0;
	struct userdata_callbacks cb = { on_user, NULL, NULL, &users };
	enum userdata_dialect dialect;

	fuzz_quiet();
	if (!userdata_open(&src, fuzz_file(data, size)))
		userdata_parse(&src, &cb, &dialect);
	userdata_close(&src);
	return 0;
}
