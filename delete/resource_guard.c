/*
 * resource_guard.c - see resource_guard.h.
 */
#include "resource_guard.h"

#include <ctype.h>
#include <string.h>

const char resource_guard_tables[] =
	"[profile]\nname = resource guard\n"
	"[tables]\nResource = ResourceId UserAtHost\nContact = OwnerId BuddyId\n";

/* Other users' contacts pointing at the user, how many and whose, and
 * the user's Resource row: one statement at the start, one at the end. */
#define READING(hint, contacts, owners, resource, row) \
	" SELECT " contacts " = COUNT(*), " owners " = SUM(CAST(OwnerId AS BIGINT)), " resource " = (" row ")" \
	" FROM Contact" hint " WHERE BuddyId = @id AND OwnerId <> @id;"

void resource_guard_open(struct strbuf *sql)
{
	strbuf_addstr(sql, "SET XACT_ABORT ON; BEGIN TRANSACTION;"
		      " DECLARE @ucmig_contacts INT, @ucmig_owners BIGINT, @ucmig_address NVARCHAR(454),"
		      " @ucmig_contacts_now INT, @ucmig_owners_now BIGINT, @ucmig_kept INT;"
		      READING(" WITH (HOLDLOCK)", "@ucmig_contacts", "@ucmig_owners", "@ucmig_address",
			      "SELECT UserAtHost FROM Resource WITH (HOLDLOCK) WHERE ResourceId = @id"));
}

void resource_guard_close(struct strbuf *sql)
{
	strbuf_addstr(sql,
		READING("", "@ucmig_contacts_now", "@ucmig_owners_now", "@ucmig_kept",
			"SELECT COUNT(*) FROM Resource WHERE ResourceId = @id AND UserAtHost = @ucmig_address")
		" IF @ucmig_contacts_now <> @ucmig_contacts OR @ucmig_kept <> 1"
		" OR ISNULL(@ucmig_owners_now, 0) <> ISNULL(@ucmig_owners, 0)"
		" BEGIN ROLLBACK TRANSACTION;"
		" RAISERROR('" RESOURCE_GUARD_NAME ": the Resource row or other users'' contacts"
		" pointing at the user changed', 16, 1); RETURN; END;"
		" COMMIT TRANSACTION");
}

bool resource_guard_tripped(int error_number, const char *error_text)
{
	return error_number == RESOURCE_GUARD_ERROR && error_text &&
	       strstr(error_text, RESOURCE_GUARD_NAME) != NULL;
}

/* ---- the early reading --------------------------------------------------- */

/* sql in lowercase words: comments gone, [brackets] and "quotes" around
 * names dropped, schema prefixes ("dbo.") dropped, ';' kept as a word. */
static void words_of(const char *sql, struct strbuf *out)
{
	for (const char *s = sql; *s; s++) {
		if (s[0] == '-' && s[1] == '-') {
			while (*s && *s != '\n')
				s++;
			if (!*s)
				break;
			strbuf_addch(out, ' ');
		} else if (s[0] == '/' && s[1] == '*') {
			const char *end = strstr(s + 2, "*/");
			strbuf_addch(out, ' ');
			if (!end)
				break;
			s = end + 1;
		} else if (*s == '[' || *s == ']' || *s == '"') {
			continue;
		} else if (*s == ';' || *s == '(' || *s == ')' || *s == ',') {
			strbuf_addf(out, " %c ", *s);
		} else if (isspace((unsigned char)*s)) {
			strbuf_addch(out, ' ');
		} else {
			strbuf_addch(out, (char)tolower((unsigned char)*s));
		}
	}
}

/* The next word of *p into w (without a schema prefix); false at the end. */
static bool next_word(const char **p, char *w, size_t size)
{
	const char *s = *p, *start;
	size_t n;

	while (*s == ' ')
		s++;
	if (!*s)
		return false;
	start = s;
	while (*s && *s != ' ')
		s++;
	*p = s;
	n = (size_t)(s - start);
	const char *dot = memchr(start, '.', n);
	while (dot) {             /* rtc.dbo.Resource -> resource */
		n -= (size_t)(dot + 1 - start);
		start = dot + 1;
		dot = memchr(start, '.', n);
	}
	if (n >= size)
		n = size - 1;
	memcpy(w, start, n);
	w[n] = '\0';
	return true;
}

/* Does a statement starting with verb name Resource as what it changes?
 * DELETE [TOP (n)] [FROM] t, DELETE a FROM t a, UPDATE t / UPDATE a ... FROM
 * t a, TRUNCATE TABLE t, DROP TABLE t, ALTER TABLE t, MERGE [INTO] t: the
 * words from the verb to WHERE (or the statement's end) are its targets. */
static bool changes_resource(const char *verb, const char **p)
{
	static const char *const verbs[] = { "delete", "update", "truncate", "drop", "alter", "merge" };
	char w[64];
	bool is_verb = false, found = false;

	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		is_verb |= strcmp(verb, verbs[i]) == 0;
	if (!is_verb)
		return false;
	while (next_word(p, w, sizeof(w)) && strcmp(w, "where") && strcmp(w, ";") &&
	       strcmp(w, "set") && strcmp(w, "using") && strcmp(w, "output"))
		found |= strcmp(w, "resource") == 0;
	if (strcmp(verb, "update") == 0)   /* UPDATE a SET ... FROM Resource a */
		while (next_word(p, w, sizeof(w)) && strcmp(w, "where") && strcmp(w, ";"))
			if (strcmp(w, "from") == 0)
				while (next_word(p, w, sizeof(w)) && strcmp(w, "where") && strcmp(w, ";"))
					found |= strcmp(w, "resource") == 0;
	return found;
}

/* Forms whose targets the reading cannot see, refused whatever they
 * name: dynamic SQL, a synonym, OUTPUT ... INTO, and a change through a
 * common table expression ("WITH x AS (SELECT ... FROM Resource) DELETE
 * FROM x"). A delete profile needs none of them. */
static const char *hidden_target(const char *text)
{
	static const struct {
		const char *word;
		const char *why;
	} hiding[] = {
		{ "sp_executesql", "runs dynamic SQL (sp_executesql), which no reading can check" },
		{ "synonym", "names a synonym, behind which any table may stand" },
	};
	const char *p = text;
	char w[64];
	bool with = false, output = false, exec = false;

	while (next_word(&p, w, sizeof(w))) {
		for (size_t i = 0; i < sizeof(hiding) / sizeof(hiding[0]); i++)
			if (strcmp(w, hiding[i].word) == 0)
				return hiding[i].why;
		/* EXEC of a stored procedure by name is static (the profile's
		 * own RtcpDelete... steps); EXEC ( string ) is not. */
		if (exec && (strcmp(w, "(") == 0 || w[0] == '@' || w[0] == '\''))
			return "runs dynamic SQL (EXEC of a string), which no reading can check";
		exec = strcmp(w, "exec") == 0 || strcmp(w, "execute") == 0;
		if (strcmp(w, "output") == 0)
			output = true;
		else if (output && strcmp(w, "into") == 0)
			return "writes with OUTPUT ... INTO, into a table the reading does not follow";
		else if (strcmp(w, ";") == 0)
			with = output = false;
		if (strcmp(w, "with") == 0)
			with = true;
		else if (with && (strcmp(w, "delete") == 0 || strcmp(w, "update") == 0 || strcmp(w, "merge") == 0))
			return "changes rows through a common table expression (WITH ... AS)";
	}
	return NULL;
}

const char *resource_guard_reading(const char *sql)
{
	struct strbuf text = STRBUF_INIT;
	const char *why = NULL, *p;
	char w[64];

	words_of(sql, &text);
	if (strstr(text.buf, "rtcdeleteresource"))
		why = "calls RtcDeleteResource";
	else
		why = hidden_target(text.buf);
	/* T-SQL needs no ';' between statements: every verb starts one. */
	for (p = text.buf; !why && next_word(&p, w, sizeof(w));)
		if (changes_resource(w, &p))
			why = strcmp(w, "delete") == 0 ? "deletes from Resource" : "changes the Resource table";
	strbuf_release(&text);
	return why;
}
