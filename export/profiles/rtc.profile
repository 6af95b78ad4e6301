# ucmig-export SQL profile: the rtc database of OCS 2007 R2, Lync Server 2010
# and 2013, Skype for Business Server 2015 and 2019.
#
# The contact tables of the rtc database are not publicly documented; this
# is the reconstruction of SPEC.md section 6. An administrator whose
# database differs copies this file, corrects it, and passes it with
# --profile FILE. Format (see ucmig-export(1)):
#   [profile]       name, and the schema versions it fits
#   [tables]        TABLE = COLUMN ...   checked against the catalog first
#   [query NAME]    T-SQL for SQL Server, to the next [section]; export
#                   needs users, all-users, groups and contacts
# In queries, $USERS stands for the batch's addresses (user@domain, as
# NVARCHAR parameters) and $IDS for their ResourceIds (INT parameters).
# Result columns are read by position, as each query's comment says.

[profile]
name = rtc
versions = 2007 2010 2013

[tables]
Resource = ResourceId UserAtHost
HomedResource = ResourceId
ContactGroup = OwnerId GroupNumber DisplayName ExternalUri
Contact = OwnerId BuddyId DisplayName
ContactGroupAssoc = OwnerId BuddyId GroupNumber

# users: ResourceId, UserAtHost of the batch's users homed here.
[query users]
SELECT r.ResourceId, r.UserAtHost
FROM Resource r JOIN HomedResource h ON h.ResourceId = r.ResourceId
WHERE r.UserAtHost IN ($USERS)

# all-users: the same for every user homed here (no user list given).
[query all-users]
SELECT r.ResourceId, r.UserAtHost
FROM Resource r JOIN HomedResource h ON h.ResourceId = r.ResourceId
ORDER BY r.ResourceId

# groups: OwnerId, GroupNumber, DisplayName, ExternalUri.
[query groups]
SELECT g.OwnerId, g.GroupNumber, g.DisplayName, g.ExternalUri
FROM ContactGroup g
WHERE g.OwnerId IN ($IDS)

# contacts: OwnerId, buddy's UserAtHost, DisplayName, GroupNumber (NULL
# when in no group), ordered by owner then buddy.
[query contacts]
SELECT c.OwnerId, b.UserAtHost, c.DisplayName, a.GroupNumber
FROM Contact c
JOIN Resource b ON b.ResourceId = c.BuddyId
LEFT JOIN ContactGroupAssoc a ON a.OwnerId = c.OwnerId AND a.BuddyId = c.BuddyId
WHERE c.OwnerId IN ($IDS)
ORDER BY c.OwnerId, c.BuddyId, a.GroupNumber
