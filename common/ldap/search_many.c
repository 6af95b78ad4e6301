/*
 * search_many.c - see search_many.h.
 */
#include "ldap/search_many.h"

#include <ldap.h>
#include <stdbool.h>
#include <stdlib.h>

#include "base/interrupt.h"
#include "base/msg.h"
#include "base/xalloc.h"

enum { TRANSIENT_RETRIES = 8 };

enum state { WAITING, SENT, DONE };

struct search {
	enum state state;
	int msgid;
	unsigned tries;
};

struct many {
	struct ldap_session *s;
	const struct search_many *req;
	struct search *search;
	size_t next_unsent, outstanding, done;
};

static int send_search(struct many *m, size_t i)
{
	const struct search_many *req = m->req;
	LDAPControl *page = NULL, *server[2] = { NULL, NULL };
	struct berval cookie = { 0, NULL };
	int rc = ldap_create_page_control(m->s->ld, m->s->set->page_size, &cookie, 1, &page);

	if (rc == LDAP_SUCCESS) {
		server[0] = page;
		rc = ldap_search_ext(m->s->ld, req->base, req->scope, req->filters[i], req->attrs, 0,
				     server, NULL, NULL, 0, &m->search[i].msgid);
		ldap_control_free(page);
	}
	if (rc == LDAP_SUCCESS) {
		m->search[i].state = SENT;
		m->outstanding++;
	}
	return rc;
}

/* Everything sent and unanswered is to be sent again. */
static int start_over(struct many *m)
{
	int status = ldap_session_reconnect(m->s);

	for (size_t i = 0; i < m->req->n; i++)
		if (m->search[i].state == SENT)
			m->search[i].state = WAITING;
	m->outstanding = 0;
	m->next_unsent = 0;
	return status;
}

/* The next search waiting, from next_unsent on. */
static bool next_waiting(struct many *m, size_t *i)
{
	for (; m->next_unsent < m->req->n; m->next_unsent++)
		if (m->search[m->next_unsent].state == WAITING) {
			*i = m->next_unsent++;
			return true;
		}
	return false;
}

static int fill(struct many *m, bool *lost)
{
	size_t i;

	while (m->outstanding < m->req->inflight && next_waiting(m, &i)) {
		int rc = send_search(m, i);
		if (ldap_rc_connection_lost(rc)) {
			*lost = true;
			m->search[i].state = WAITING;
			return 0;
		}
		if (rc != LDAP_SUCCESS)
			return ldap_session_error(m->s, "search failed", rc);
	}
	return 0;
}

static size_t search_of(const struct many *m, int msgid, bool *found)
{
	for (size_t i = 0; i < m->req->n; i++)
		if (m->search[i].state == SENT && m->search[i].msgid == msgid) {
			*found = true;
			return i;
		}
	*found = false;
	return 0;
}

static void finish(struct many *m, size_t i)
{
	m->search[i].state = DONE;
	m->outstanding--;
	m->done++;
	if (m->req->on_done)
		m->req->on_done(i, m->req->data);
}

/* A search's final answer. Returns 0 or an exit status; *lost if the
 * connection is to be re-established. */
static int on_result(struct many *m, size_t i, LDAPMessage *res, bool *lost)
{
	const struct search_many *req = m->req;
	LDAPControl **returned = NULL, *resp;
	struct berval cookie = { 0, NULL };
	int err = LDAP_OTHER, status = 0;
	ber_int_t estimate;

	ldap_parse_result(m->s->ld, res, &err, NULL, NULL, NULL, &returned, 0);
	if (err == LDAP_SUCCESS && returned &&
	    (resp = ldap_control_find(LDAP_CONTROL_PAGEDRESULTS, returned, NULL)))
		ldap_parse_pageresponse_control(m->s->ld, resp, &estimate, &cookie);
	ldap_controls_free(returned);
	if (err == LDAP_SUCCESS && cookie.bv_len > 0) {
		/* More than a page: that one search on its own, page by page. */
		status = ldap_search_paged(m->s, req->base, req->scope, req->filters[i], req->attrs,
					   req->on_entry, req->data);
		if (!status)
			finish(m, i);
	} else if (err == LDAP_SUCCESS || (err == LDAP_NO_SUCH_OBJECT && req->scope == LDAP_SCOPE_BASE)) {
		finish(m, i);
	} else if (ldap_rc_connection_lost(err)) {
		*lost = true;
	} else if (ldap_rc_transient(err) && m->search[i].tries < TRANSIENT_RETRIES) {
		backoff_sleep(&ldap_retry_backoff, m->search[i].tries++);
		m->search[i].state = WAITING;
		m->outstanding--;
		if (i < m->next_unsent)
			m->next_unsent = i;
	} else {
		status = ldap_session_search_error(m->s, req->base, err);
	}
	ber_memfree(cookie.bv_val);
	return status;
}

static int handle(struct many *m, LDAPMessage *res, bool *lost)
{
	bool found;
	size_t i = search_of(m, ldap_msgid(res), &found);

	if (!found)
		return 0;               /* an answer to a search sent before a reconnect */
	switch (ldap_msgtype(res)) {
	case LDAP_RES_SEARCH_ENTRY:
		return m->req->on_entry(m->s, res, m->req->data);
	case LDAP_RES_SEARCH_REFERENCE:
		ldap_session_note_references(m->s, res);
		return 0;
	case LDAP_RES_SEARCH_RESULT:
		return on_result(m, i, res, lost);
	}
	return 0;
}

int ldap_search_many(struct ldap_session *s, const struct search_many *req)
{
	struct many m = { .s = s, .req = req };
	int status = 0;

	m.search = xcalloc(req->n ? req->n : 1, sizeof(*m.search));
	while (!status && m.done < req->n) {
		struct timeval timeout = { s->set->timeout, 0 };
		LDAPMessage *res = NULL;
		bool lost = false;
		int rc;

		if (interrupt_requested()) {
			status = interrupt_status();
			break;
		}
		if ((status = fill(&m, &lost)))
			break;
		if (lost) {
			status = start_over(&m);
			continue;
		}
		rc = ldap_result(s->ld, LDAP_RES_ANY, LDAP_MSG_ONE, &timeout, &res);
		if (rc > 0) {
			status = handle(&m, res, &lost);
		} else if (rc <= 0 && interrupt_requested()) {
			status = interrupt_status();
		} else {
			/* Silent within --timeout, or the connection broke. */
			int err = LDAP_SERVER_DOWN;
			if (rc < 0)
				ldap_get_option(s->ld, LDAP_OPT_RESULT_CODE, &err);
			if (rc == 0 || ldap_rc_connection_lost(err) || err == LDAP_SUCCESS)
				lost = true;
			else
				status = ldap_session_error(s, "search failed", err);
		}
		ldap_msgfree(res);
		if (!status && lost)
			status = start_over(&m);
	}
	free(m.search);
	return status;
}
