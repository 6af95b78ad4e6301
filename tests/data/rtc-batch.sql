-- rtc-batch.sql - added to rtc-example.sql and rtc-stay.sql for
-- ucmig-batch's tests: one user to stop at each phase. gus has a list but
-- no account in AD (stops at disable); hank's only contact is himself,
-- so the export holds no row of his and delete's backup interlock
-- refuses him; ivy has no account on the XMPP server (stops at import).
INSERT INTO Resource VALUES (30,'gus@example.com'),(31,'hank@example.com'),(32,'ivy@example.com');
INSERT INTO HomedResource VALUES (30),(31),(32);
INSERT INTO ContactGroup VALUES (30,1,'~',NULL),(31,1,'~',NULL),(32,1,'~',NULL);
INSERT INTO Contact VALUES (30,20,'Frank'),(31,31,'Me'),(32,1,'Alice'),(32,20,'Frank');
INSERT INTO ContactGroupAssoc VALUES (30,20,1),(31,31,1),(32,1,1),(32,20,1);
