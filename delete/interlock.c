/*
 * interlock.c - see interlock.h.
 */
#include "interlock.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ldap/aduser.h"
#include "base/csvin.h"
#include "base/exitcode.h"
#include "domain/disable_journal.h"
#include "base/msg.h"
#include "domain/sipuri.h"
#include "userdata/userdata_source.h"
#include "userdata/userdata_xml.h"
#include "base/xalloc.h"

void interlocks_init(struct interlocks *il)
{
	memset(il, 0, sizeof(*il));
	strset_init(&il->backed_up);
	strset_init(&il->disabled_at);
}

void interlocks_release(struct interlocks *il)
{
	strset_free(&il->backed_up);
	strset_free(&il->disabled_at);
}

/* Add "user@domain" (or sip:...) to the backup set. */
static void backed_up(struct interlocks *il, const char *address)
{
	struct strbuf uri = STRBUF_INIT, key = STRBUF_INIT;
	bool added;

	if (!sipuri_parse(address, strlen(address), &uri)) {
		sipuri_key(uri.buf, &key);
		strset_add(&il->backed_up, key.buf, &added);
	}
	strbuf_release(&uri);
	strbuf_release(&key);
}

static int on_backup_user(const struct contact_list *cl, void *data)
{
	backed_up(data, cl_str(cl, cl->owner));
	return 0;
}

static int on_backup_row(const struct csv_record *rec, void *data)
{
	struct strbuf addr = STRBUF_INIT;

	if (strcmp(rec->field[0], "User ID") != 0) {   /* a header line */
		strbuf_addf(&addr, "%s@%s", rec->field[0], rec->field[1]);
		backed_up(data, addr.buf);
	}
	strbuf_release(&addr);
	return 0;
}

/* XML or ZIP: Export-CsUserData / dbimpexp; anything else: BAT CSV. */
static int load_backup(struct interlocks *il)
{
	struct userdata_source src;
	unsigned char head[4] = { 0 };
	FILE *fp = fopen(il->backup, "rb");
	int status;

	if (fp) {
		size_t n = fread(head, 1, sizeof(head), fp);
		(void)n;
		fclose(fp);
	}
	bool xml = !memcmp(head, "PK\003\004", 4) || head[0] == '<' ||
		   (head[0] == 0xEF && head[3] == '<') || (head[0] == 0xFF && head[1] == 0xFE && head[2] == '<');
	if (xml) {
		struct userdata_callbacks cb = { on_backup_user, NULL, NULL, il };
		enum userdata_dialect dialect;
		if (!(status = userdata_open(&src, il->backup)))
			status = userdata_parse(&src, &cb, &dialect);
		userdata_close(&src);
	} else {
		struct textin in;
		struct csvin_options opt = { 6, 7 };
		if (!(status = textin_open(&in, il->backup))) {
			status = csvin_read(&in, &opt, on_backup_row, il);
			textin_close(&in);
		}
	}
	if (!status)
		note("%s: backup holds %zu users", il->backup, il->backed_up.count);
	return status;
}

/* When each user was disabled, by ucmig-disable's journal. */
static int on_disable_record(const struct disable_record *rec, unsigned long line, void *data)
{
	struct interlocks *il = data;
	struct strbuf key = STRBUF_INIT;
	struct strset_entry *e;
	bool added;

	(void)line;
	sipuri_key(rec->uri, &key);
	if (rec->event == DISABLE_DONE) {
		e = strset_add(&il->disabled_at, key.buf, &added);
		e->value = (size_t)rec->time;
		e->flags = 1;
	} else if (rec->event == DISABLE_UNDONE && (e = strset_find(&il->disabled_at, key.buf))) {
		e->flags = 0;     /* enabled again */
	}
	strbuf_release(&key);
	return 0;
}

int interlocks_load(struct interlocks *il)
{
	int status = 0;

	if (il->backup && (status = load_backup(il)))
		return status;
	if (il->min_age > 0)
		status = disable_journal_replay(il->disable_journal, JOURNAL_OF_ENABLED, on_disable_record, il);
	return status;
}

int interlocks_apply(struct interlocks *il, struct userlist *ul, enum refusal **refused,
		     long *wait_s)
{
	struct ldap_session ldap;
	struct aduser *ad = NULL;
	struct strbuf key = STRBUF_INIT;
	time_t now = time(NULL);
	int status = 0;

	*wait_s = 0;
	if (il->check_ad) {
		if ((status = ldap_session_open(&ldap, il->ldap)) ||
		    (status = aduser_expand_dns(&ldap, ul, il->will_change, il->everyone)))
			goto out;
		ad = xcalloc(ul->count ? ul->count : 1, sizeof(*ad));
		if ((status = aduser_lookup(&ldap, ul, ad, NULL)))
			goto out;
	}
	*refused = xcalloc(ul->count ? ul->count : 1, sizeof(**refused));
	for (size_t i = 0; i < ul->count; i++) {
		enum refusal *r = &(*refused)[i];
		struct strset_entry *e;

		sipuri_key(ul->entry[i].value, &key);
		e = il->min_age > 0 ? strset_find(&il->disabled_at, key.buf) : NULL;
		if (ad && ad[i].matches != 1)
			*r = REFUSE_AD_NOT_FOUND;
		else if (ad && ad[i].enabled != AD_ENABLED_FALSE)
			*r = REFUSE_AD_ENABLED;
		else if (il->backup && !strset_find(&il->backed_up, key.buf))
			*r = REFUSE_NO_BACKUP;
		else if (il->min_age > 0 && (!e || !e->flags))
			*r = REFUSE_NOT_DISABLED_BY_JOURNAL;
		else if (e && now - (time_t)e->value < il->min_age) {
			*r = REFUSE_TOO_RECENT;
			if (il->min_age - (now - (time_t)e->value) > *wait_s)
				*wait_s = il->min_age - (long)(now - (time_t)e->value);
		}
	}
out:
	if (il->check_ad) {
		if (ad)
			aduser_free(ad, ul->count);
		ldap_session_close(&ldap);
	}
	strbuf_release(&key);
	return status;
}
