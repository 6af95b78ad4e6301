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
#                   needs all-users and export
# The tool makes the temporary table #ucmig_users (UserAtHost) and puts
# the batch's addresses in it (user@domain, as typed parameters); the
# queries read it. Result columns are read by position, as each query's
# comment says.

[profile]
name = rtc
versions = 2007 2010 2013

[tables]
Resource = ResourceId UserAtHost
HomedResource = ResourceId
ContactGroup = OwnerId GroupNumber DisplayName ExternalUri
Contact = OwnerId BuddyId DisplayName
ContactGroupAssoc = OwnerId BuddyId GroupNumber

# export-all: with no user list, what export gives for every user homed
# here, without a list on the server (optional: without it, all-users
# fills #ucmig_users and export runs over it).
#
# all-users: with no user list and no export-all, fill #ucmig_users
# (made by the tool: UserAtHost NVARCHAR(454)) with every user homed here.
[query all-users]
INSERT INTO #ucmig_users (UserAtHost)
SELECT r.UserAtHost
FROM Resource r JOIN HomedResource h ON h.ResourceId = r.ResourceId

# export: the users of #ucmig_users homed here, their groups and their
# contacts, in one result, six columns read by position:
#   OwnerId, Kind, Seq, Number, Text1, Text2
#   Kind 0, the user:   Text1 = UserAtHost
#   Kind 1, a group:    Number = GroupNumber, Text1 = DisplayName,
#                       Text2 = ExternalUri
#   Kind 2, a contact:  Seq = BuddyId, Number = GroupNumber (NULL when in
#                       no group; one row per group), Text1 = the buddy's
#                       UserAtHost, Text2 = DisplayName
# ordered by OwnerId, Kind, Seq, Number (the tool checks the order).
[query export]
WITH owner AS (
  SELECT r.ResourceId, r.UserAtHost
  FROM Resource r JOIN HomedResource h ON h.ResourceId = r.ResourceId
  WHERE r.UserAtHost IN (SELECT u.UserAtHost FROM #ucmig_users u))
SELECT o.ResourceId AS OwnerId, 0 AS Kind, 0 AS Seq, NULL AS Number,
       o.UserAtHost AS Text1, NULL AS Text2
FROM owner o
UNION ALL
SELECT g.OwnerId, 1, g.GroupNumber, g.GroupNumber, g.DisplayName, g.ExternalUri
FROM ContactGroup g JOIN owner o ON o.ResourceId = g.OwnerId
UNION ALL
SELECT c.OwnerId, 2, c.BuddyId, a.GroupNumber, b.UserAtHost, c.DisplayName
FROM Contact c
JOIN owner o ON o.ResourceId = c.OwnerId
JOIN Resource b ON b.ResourceId = c.BuddyId
LEFT JOIN ContactGroupAssoc a ON a.OwnerId = c.OwnerId AND a.BuddyId = c.BuddyId
ORDER BY OwnerId, Kind, Seq, Number

[query export-all]
WITH owner AS (
  SELECT r.ResourceId, r.UserAtHost
  FROM Resource r JOIN HomedResource h ON h.ResourceId = r.ResourceId)
SELECT o.ResourceId AS OwnerId, 0 AS Kind, 0 AS Seq, NULL AS Number,
       o.UserAtHost AS Text1, NULL AS Text2
FROM owner o
UNION ALL
SELECT g.OwnerId, 1, g.GroupNumber, g.GroupNumber, g.DisplayName, g.ExternalUri
FROM ContactGroup g JOIN owner o ON o.ResourceId = g.OwnerId
UNION ALL
SELECT c.OwnerId, 2, c.BuddyId, a.GroupNumber, b.UserAtHost, c.DisplayName
FROM Contact c
JOIN owner o ON o.ResourceId = c.OwnerId
JOIN Resource b ON b.ResourceId = c.BuddyId
LEFT JOIN ContactGroupAssoc a ON a.OwnerId = c.OwnerId AND a.BuddyId = c.BuddyId
ORDER BY OwnerId, Kind, Seq, Number
