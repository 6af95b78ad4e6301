/*
 * userdata_xml.h - streaming parse of Export-CsUserData's DocItemSet.xml
 * and of Lync 2010 / OCS dbimpexp XML into one contact_list per user.
 *
 * The root element picks the dialect (SPEC.md section 7):
 *   DocItemSet:      DocItem Name="urn:lcd:user@domain" holds the user;
 *                    other DocItem prefixes (urn:hcd: ...) are not users;
 *                    names are base64 of UTF-8, or plain text (detected).
 *   HomedResources:  HomedResource UserAtHost="user@domain"; names are
 *                    plain text. The file is usually UTF-16 (expat reads
 *                    the BOM).
 * In both, ContactGroup carries Number, a name and ExternalUri (a
 * groupExtension with groupType="dg" marks a distribution list), and
 * Contact carries Buddy, a name and Groups (space-separated numbers).
 * Elements are matched by local name, whatever their namespace.
 *
 * Expat is used without DTD loading, so external entities are never
 * fetched; its built-in limits stop entity-expansion attacks.
 */
#ifndef UCMIG_USERDATA_XML_H
#define UCMIG_USERDATA_XML_H

#include "domain/contact_list.h"
#include "userdata/userdata_source.h"

enum userdata_dialect { DIALECT_UNKNOWN, DIALECT_DOCITEMSET, DIALECT_DBIMPEXP };

struct userdata_callbacks {
	/* A user's whole list has been read. Return 0 or an exit status. */
	int (*user)(const struct contact_list *cl, void *data);
	/* A DocItem that is not a user (urn:hcd: and others). */
	void (*non_user)(const char *name, void *data);
	/* Progress: called about every 64 KiB of input. */
	void (*progress)(const struct userdata_source *src, void *data);
	void *data;
};

/* Parse everything src yields. Returns 0, a callback's status, or an exit
 * status after a message naming file, line and column. *dialect says what
 * the file turned out to be. */
int userdata_parse(struct userdata_source *src, const struct userdata_callbacks *cb,
		   enum userdata_dialect *dialect);

#endif
