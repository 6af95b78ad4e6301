-- rtc-example.sql - the users of examples/ExportedUserData.zip as rows of
-- the rtc database, so the SQL export can be compared with the file
-- export row for row. Names are plain text, as SQL stores them.
INSERT INTO Resource VALUES (1,'alice@example.com'),(2,'bob@example.com'),(3,'erin@example.com'),
  (4,'carol@partner.net'),(5,'dave@example.com'),(6,'jose@example.com'),(7,'sales-team@example.com'),
  (8,'smith.john@example.com');
INSERT INTO HomedResource VALUES (1),(2),(3);
INSERT INTO ResourceDirectory VALUES (1,'Alice'),(2,'Bob'),(3,'Erin');
INSERT INTO ContactGroup VALUES
  (1,1,'~',NULL),(1,2,'Équipe Müller',NULL),
  (1,3,'Sales Team','<groupExtension groupType="dg"><email>sales-team@example.com</email></groupExtension>'),
  (1,4,'Favorites','<groupExtension groupType="pinnedGroup"/>'),
  (2,1,'~',NULL),(2,2,'Projects',NULL),(3,1,'~',NULL);
INSERT INTO Contact VALUES (1,1,'Me, myself'),(1,2,'Bob Builder'),(1,4,'Carol (Partner)'),(1,5,NULL),
  (1,6,'José Núñez'),(1,7,NULL),(1,8,'Smith, John "JJ"'),(2,1,'Alice'),(2,3,'Erin');
INSERT INTO ContactGroupAssoc VALUES (1,1,1),(1,2,1),(1,2,2),(1,4,2),(1,6,4),(1,7,3),(1,8,1),(2,1,1),(2,3,2);
INSERT INTO Container VALUES (1,400),(1,32000),(2,200);
INSERT INTO ContainerMemberUser VALUES (1,400,2),(2,200,1);
INSERT INTO UserPolicy VALUES (1,1),(2,1),(3,1);
INSERT INTO CertificateStore VALUES (1);
INSERT INTO ForestDirectory VALUES (1);
