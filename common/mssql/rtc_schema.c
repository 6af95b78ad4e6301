/*
 * rtc_schema.c - see rtc_schema.h.
 */
#include "mssql/rtc_schema.h"

#include "base/exitcode.h"
#include "base/msg.h"
#include "base/strset.h"

const char *rtc_version_name(int version)
{
	switch (version) {
	case 2013: return "Lync Server 2013 or later";
	case 2010: return "Lync Server 2010";
	default: return "OCS 2007 / 2007 R2";
	}
}

static int collect_table(const struct db_row *row, void *data)
{
	struct strbuf key = STRBUF_INIT;
	bool added;

	strbuf_addlower(&key, row->text[0]);
	strset_add(data, key.buf, &added);
	strbuf_release(&key);
	return 0;
}

int rtc_detect_version(struct db_session *db, int *version)
{
	static const char *const required[] = { "resource", "endpoint", "container", "homedresource" };
	struct strset tables;
	int status;

	strset_init(&tables);
	status = db_query(db, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES", NULL, 0,
			  collect_table, &tables, NULL);
	for (size_t i = 0; !status && i < sizeof(required) / sizeof(required[0]); i++)
		if (!strset_find(&tables, required[i]))
			status = fail(UCMIG_EX_CONFIG,
				      "%s: no table %s: not a Lync / Skype for Business user store (rtc)",
				      db->label, required[i]);
	if (!status)
		*version = strset_find(&tables, "forestdirectory") ? 2013
			 : strset_find(&tables, "certificatestore") ? 2010 : 2007;
	strset_free(&tables);
	return status;
}
