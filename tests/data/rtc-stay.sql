-- rtc-stay.sql - added to rtc-example.sql for ucmig-delete's tests: frank
-- stays on Microsoft with alice and bob on his list; carl and dave are two
-- more users to migrate (carl disabled too recently, dave not backed up).
INSERT INTO Resource VALUES (20,'frank@example.com'),(21,'carl@example.com'),(22,'dave@corp.example.com');
INSERT INTO HomedResource VALUES (20),(21),(22);
INSERT INTO ContactGroup VALUES (20,1,'~',NULL),(21,1,'~',NULL),(22,1,'~',NULL);
INSERT INTO Contact VALUES (20,1,'Alice'),(20,2,'Bob'),(21,20,'Frank'),(22,20,'Frank');
INSERT INTO ContactGroupAssoc VALUES (20,1,1),(20,2,1),(21,20,1),(22,20,1);
INSERT INTO Delegate VALUES (1,20),(2,20);
INSERT INTO PromptedSubscriber VALUES (1,20);
