-- rtc-schema.sql - the Lync 2013+ back-end 'rtc' tables as SPEC.md section 6
-- reconstructs them, in SQLite for the TDS test endpoint. Ids are INTEGER
-- (SQL Server int), text NVARCHAR; UserAtHost compares without case, as
-- under SQL Server's default collation. ForestDirectory marks Lync 2013+
-- (drop it for a Lync 2010 store), CertificateStore Lync 2010+.
CREATE TABLE Resource (ResourceId INTEGER PRIMARY KEY, UserAtHost NVARCHAR(454) NOT NULL COLLATE NOCASE UNIQUE);
CREATE TABLE HomedResource (ResourceId INTEGER PRIMARY KEY);
CREATE TABLE ResourceDirectory (ResourceId INTEGER PRIMARY KEY, AdDisplayName NVARCHAR(256));
CREATE TABLE ContactGroup (OwnerId INTEGER NOT NULL, GroupNumber INTEGER NOT NULL,
                           DisplayName NVARCHAR(256), ExternalUri NVARCHAR(4000),
                           PRIMARY KEY (OwnerId, GroupNumber));
CREATE TABLE Contact (OwnerId INTEGER NOT NULL, BuddyId INTEGER NOT NULL, DisplayName NVARCHAR(256),
                      PRIMARY KEY (OwnerId, BuddyId));
CREATE TABLE ContactGroupAssoc (OwnerId INTEGER NOT NULL, BuddyId INTEGER NOT NULL, GroupNumber INTEGER NOT NULL,
                                PRIMARY KEY (OwnerId, BuddyId, GroupNumber));
CREATE TABLE Container (OwnerId INTEGER NOT NULL, ContainerNum INTEGER NOT NULL, PRIMARY KEY (OwnerId, ContainerNum));
CREATE TABLE ContainerMemberUser (OwnerId INTEGER NOT NULL, ContainerNum INTEGER NOT NULL, MemberId INTEGER NOT NULL);
CREATE TABLE CachedContainerMember (OwnerId INTEGER NOT NULL, ContainerNum INTEGER NOT NULL, MemberId INTEGER NOT NULL);
CREATE TABLE PromptedSubscriber (OwnerId INTEGER NOT NULL, SubscriberId INTEGER NOT NULL);
CREATE TABLE Delegate (OwnerId INTEGER NOT NULL, DelegateId INTEGER NOT NULL);
CREATE TABLE UserPolicy (ResourceId INTEGER NOT NULL, PolicyType INTEGER);
CREATE TABLE ResourcePhone (ResourceId INTEGER NOT NULL, PhoneNumber NVARCHAR(64));
CREATE TABLE RtcItem (ResourceId INTEGER NOT NULL, ItemId INTEGER);
CREATE TABLE PUIDDirectory (ResourceId INTEGER NOT NULL, Puid NVARCHAR(64));
CREATE TABLE Endpoint (EndpointId INTEGER PRIMARY KEY, OwnerId INTEGER);
CREATE TABLE CertificateStore (Id INTEGER PRIMARY KEY);
CREATE TABLE ForestDirectory (Id INTEGER PRIMARY KEY);
CREATE INDEX ContactGroupAssocOwner ON ContactGroupAssoc (OwnerId, BuddyId);
-- Who has a user on their list: the Resource guard of ucmig-delete asks
-- this of every user it deletes (without it, a scan of Contact a user).
CREATE INDEX ContactBuddy ON Contact (BuddyId);
-- The tables a user's rows are deleted from by owner or resource, each
-- with an index on that column, as a real back end's have: without one,
-- every delete would scan (and, under SQL Server's locking, wait for)
-- the whole table.
CREATE INDEX ContainerMemberUserOwner ON ContainerMemberUser (OwnerId);
CREATE INDEX CachedContainerMemberOwner ON CachedContainerMember (OwnerId);
CREATE INDEX PromptedSubscriberOwner ON PromptedSubscriber (OwnerId);
CREATE INDEX DelegateOwner ON Delegate (OwnerId);
CREATE INDEX UserPolicyResource ON UserPolicy (ResourceId);
CREATE INDEX ResourcePhoneResource ON ResourcePhone (ResourceId);
CREATE INDEX RtcItemResource ON RtcItem (ResourceId);
CREATE INDEX PUIDDirectoryResource ON PUIDDirectory (ResourceId);
