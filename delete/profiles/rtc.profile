# ucmig-delete SQL profile: the rtc / rtclocal databases of OCS 2007 R2,
# Lync Server 2010 and 2013, Skype for Business Server 2015 and 2019.
#
# The delete sequence is Cisco's tool's, reconstructed from its documented
# log (SPEC.md section 6); the WHERE columns and procedure parameters are
# not publicly documented. Copy this file, correct it, and pass it with
# --profile FILE if a database differs. Format: see ucmig-delete(1).
#
# Whatever a profile says, ucmig-delete refuses one that deletes from
# Resource or calls RtcDeleteResource: the Resource row is what keeps a
# migrated user on the contact lists of users still on Microsoft.

[profile]
name = rtc
versions = 2007 2010 2013

[tables]
Resource = ResourceId UserAtHost
HomedResource = ResourceId
ContactGroup = OwnerId
Contact = OwnerId
ContactGroupAssoc = OwnerId
Container = OwnerId
CachedContainerMember = OwnerId
ContainerMemberUser = OwnerId
PromptedSubscriber = OwnerId
Delegate = OwnerId
UserPolicy = ResourceId
ResourcePhone = ResourceId
RtcItem = ResourceId
PUIDDirectory = ResourceId
ResourceDirectory = ResourceId

# resolve: ResourceId, UserAtHost, and 1 if the user is still homed here.
[query resolve]
SELECT r.ResourceId, r.UserAtHost,
  (SELECT COUNT(*) FROM HomedResource h WHERE h.ResourceId = r.ResourceId)
FROM Resource r
WHERE r.UserAtHost IN ($USERS)

# delete: run in order, in ONE transaction per user, with @id the user's
# ResourceId. The label names the step in reports.
[list delete]
RtcpDeleteHomedResourceTransaction = EXEC RtcpDeleteHomedResourceTransaction @id
CachedContainerMember = DELETE FROM CachedContainerMember WHERE OwnerId = @id
ContainerMemberUser = DELETE FROM ContainerMemberUser WHERE OwnerId = @id
PromptedSubscriber = DELETE FROM PromptedSubscriber WHERE OwnerId = @id
Delegate = DELETE FROM Delegate WHERE OwnerId = @id
RtcpDeleteConferenceParticipantByEnterpriseId = EXEC RtcpDeleteConferenceParticipantByEnterpriseId @id
UserPolicy = DELETE FROM UserPolicy WHERE ResourceId = @id
ResourcePhone = DELETE FROM ResourcePhone WHERE ResourceId = @id
RtcItem = DELETE FROM RtcItem WHERE ResourceId = @id
PUIDDirectory = DELETE FROM PUIDDirectory WHERE ResourceId = @id
ResourceDirectory = DELETE FROM ResourceDirectory WHERE ResourceId = @id

# count: for --dry-run, the rows each table would lose (one round trip).
[list count]
HomedResource = SELECT COUNT(*) FROM HomedResource WHERE ResourceId = @id
ContactGroup = SELECT COUNT(*) FROM ContactGroup WHERE OwnerId = @id
Contact = SELECT COUNT(*) FROM Contact WHERE OwnerId = @id
ContactGroupAssoc = SELECT COUNT(*) FROM ContactGroupAssoc WHERE OwnerId = @id
Container = SELECT COUNT(*) FROM Container WHERE OwnerId = @id
CachedContainerMember = SELECT COUNT(*) FROM CachedContainerMember WHERE OwnerId = @id
ContainerMemberUser = SELECT COUNT(*) FROM ContainerMemberUser WHERE OwnerId = @id
PromptedSubscriber = SELECT COUNT(*) FROM PromptedSubscriber WHERE OwnerId = @id
Delegate = SELECT COUNT(*) FROM Delegate WHERE OwnerId = @id
UserPolicy = SELECT COUNT(*) FROM UserPolicy WHERE ResourceId = @id
ResourcePhone = SELECT COUNT(*) FROM ResourcePhone WHERE ResourceId = @id
RtcItem = SELECT COUNT(*) FROM RtcItem WHERE ResourceId = @id
PUIDDirectory = SELECT COUNT(*) FROM PUIDDirectory WHERE ResourceId = @id
ResourceDirectory = SELECT COUNT(*) FROM ResourceDirectory WHERE ResourceId = @id
